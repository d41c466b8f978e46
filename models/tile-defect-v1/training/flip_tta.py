"""Measures flip test-time augmentation on a checkpoint (the card's "tried, not adopted" line).

Usage: python3 flip_tta.py --ckpt /tmp/tile-defect-v1/ckpt.pt [--data DIR]
For each set of mirrors, the network's raw outputs are averaged over the mirrored inputs (the
heatmap mirrored back first) and the four target figures are printed, on the validation groups.
The figures are rank- and argmax-based, so no calibration is needed to compare them.
"""
from __future__ import annotations

import argparse

import numpy as np
import torch

from calibration import sigmoid, softmax
from common import DEFAULT_DATA, load_checkpoint, read_items
from evaluate import infer, metrics

MIRRORS = {  # torch.flip dims on NCHW: 3 = left-right, 2 = up-down
    "none": [()],
    "left-right": [(), (3,)],
    "left-right + up-down": [(), (3,), (2,)],
    "all four": [(), (3,), (2,), (2, 3)],
}


class Mirrored(torch.nn.Module):
    def __init__(self, net, flips):
        super().__init__()
        self.net, self.flips = net, flips

    def forward(self, x):
        outs = []
        for f in self.flips:
            s, t, m = self.net(torch.flip(x, f) if f else x)
            outs.append((s, t, torch.flip(m, f) if f else m))
        return tuple(torch.stack(parts).mean(0) for parts in zip(*outs))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    net, variant, ck = load_checkpoint(args.ckpt)
    items = [it for it in read_items(args.data) if it.group in set(ck["val_groups"])]
    for name, flips in MIRRORS.items():
        rows = infer(Mirrored(net, flips), args.data, items, variant.canvas)
        s = np.array([r["s"] for r in rows])
        t = np.stack([r["t"] for r in rows])
        m = metrics(rows, sigmoid(s), softmax(t))
        print(f"{name:22s} AUROC {m['imageAuroc']['value']:.3f}  recall {m['recallAtFrr5']['value']:.3f}  "
              f"highlight hit {m['highlightHit']['value']:.3f}  type accuracy {m['defectTypeAccuracy']['value']:.3f}",
              flush=True)


if __name__ == "__main__":
    main()
