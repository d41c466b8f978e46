"""Re-checks the calibration choice on a checkpoint (the card's "calibration re-checked" line).

Usage: python3 calibration_check.py --ckpt /tmp/tile-defect-v1/ckpt.pt [--data DIR] [--splits 100]
The validation groups are halved at random `--splits` times; each half is calibrated on the
other half and scored, so no figure is measured on the data it was fitted on. Printed per
method (none, temperature alone, Platt as shipped): mean and median cross-fitted ECE (10 bins)
and mean log loss.
"""
from __future__ import annotations

import argparse

import numpy as np
import torch
import torch.nn.functional as F

from common import DEFAULT_DATA, load_checkpoint, read_items
from evaluate import ece, infer
from export import fit_platt, sigmoid


def fit_binary_temperature(s, y):
    log_t = torch.tensor(0.0, requires_grad=True)
    st, yt = torch.tensor(s, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)
    opt = torch.optim.LBFGS([log_t], max_iter=200, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(st / log_t.double().exp(), yt)
        loss.backward()
        return loss
    opt.step(closure)
    return float(log_t.exp())


METHODS = {
    "none": lambda s_fit, y_fit: (lambda s: sigmoid(s)),
    "temperature": lambda s_fit, y_fit: (lambda s, T=fit_binary_temperature(s_fit, y_fit): sigmoid(s / T)),
    "platt": lambda s_fit, y_fit: (lambda s, ab=fit_platt(s_fit, y_fit): sigmoid(ab[0] * s + ab[1])),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--splits", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    net, variant, ck = load_checkpoint(args.ckpt)
    rows = infer(net, args.data, [it for it in read_items(args.data) if it.group in set(ck["val_groups"])],
                 variant.canvas)
    s = np.array([r["s"] for r in rows])
    y = np.array([r["item"].label != "ok" for r in rows], dtype=float)
    groups = np.array([r["item"].group for r in rows])
    unique = np.unique(groups)
    eces = {m: [] for m in METHODS}
    losses = {m: [] for m in METHODS}
    for seed in range(args.splits):
        fold_of = dict(zip(unique, np.random.default_rng(seed).permutation(len(unique)) % 2))
        fold = np.array([fold_of[g] for g in groups])
        for name, fit in METHODS.items():
            p = np.zeros_like(s)
            for k in (0, 1):
                p[fold == k] = fit(s[fold != k], y[fold != k])(s[fold == k])
            q = np.clip(p, 1e-7, 1 - 1e-7)
            eces[name].append(ece(p, y))
            losses[name].append(float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))))
    for name in METHODS:
        print(f"{name:12s} cross-fitted ECE mean {np.mean(eces[name]):.3f} median {np.median(eces[name]):.3f}  "
              f"log loss {np.mean(losses[name]):.3f}")


if __name__ == "__main__":
    main()
