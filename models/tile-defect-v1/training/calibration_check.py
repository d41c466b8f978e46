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

from calibration import cross_fitted, fit_binary_temperature, platt_calibrator, sigmoid
from common import DEFAULT_DATA
from evaluate import ece, validation_set


def temperature_calibrator(s, y):
    T = fit_binary_temperature(s, y)
    return lambda x: sigmoid(x / T)


CALIBRATORS = {
    "none": lambda s, y: sigmoid,
    "temperature": temperature_calibrator,
    "platt": platt_calibrator,
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--splits", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    _, _, _, _, (s, _, y, groups, _) = validation_set(args.ckpt, args.data)
    eces = {m: [] for m in CALIBRATORS}
    losses = {m: [] for m in CALIBRATORS}
    for seed in range(args.splits):
        for name, calibrator in CALIBRATORS.items():
            p = cross_fitted(s, y, groups, seed, calibrator)
            q = np.clip(p, 1e-7, 1 - 1e-7)
            eces[name].append(ece(p, y))
            losses[name].append(float(-np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))))
    for name in CALIBRATORS:
        print(f"{name:12s} cross-fitted ECE mean {np.mean(eces[name]):.3f} median {np.median(eces[name]):.3f}  "
              f"log loss {np.mean(losses[name]):.3f}")


if __name__ == "__main__":
    main()
