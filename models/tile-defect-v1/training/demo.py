"""Copies the demo image set (demo/images/*.jpg + demo/labels.csv) from VALIDATION groups
only, so the demo shows the model on tiles it never trained on. Seeded and deterministic.

Usage: python3 demo.py --data DIR [--seed 1234]
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil

import numpy as np

from common import DEFAULT_DATA, group_split, read_items

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PER_CLASS = {"ok": 15, "blowhole": 5, "break": 5, "crack": 5, "fray": 5, "uneven": 5}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--out", default=os.path.join(REPO, "demo"))
    args = ap.parse_args()
    items = read_items(args.data)
    _, val_groups = group_split(items, seed=args.seed)
    val = sorted((it for it in items if it.group in set(val_groups)), key=lambda it: it.name)
    rng = np.random.default_rng(args.seed)
    picked = []
    for label, n in PER_CLASS.items():
        pool = [it for it in val if it.label == label]
        # Spread the picks over groups so one tile does not fill a class.
        by_group = {}
        for i in rng.permutation(len(pool)).tolist():
            by_group.setdefault(pool[i].group, []).append(pool[i])
        while len([p for p in picked if p.label == label]) < min(n, len(pool)):
            for g in sorted(by_group):
                if by_group[g] and len([p for p in picked if p.label == label]) < n:
                    picked.append(by_group[g].pop(0))
    img_dir = os.path.join(args.out, "images")
    os.makedirs(img_dir, exist_ok=True)
    for f in os.listdir(img_dir):
        if f.endswith(".jpg"):
            os.remove(os.path.join(img_dir, f))
    with open(os.path.join(args.out, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["file", "label", "class"])
        for it in sorted(picked, key=lambda it: it.name):
            shutil.copyfile(os.path.join(args.data, it.image), os.path.join(img_dir, it.name + ".jpg"))
            w.writerow([it.name + ".jpg", "ok" if it.label == "ok" else "defect", "" if it.label == "ok" else it.label])
    print("demo:", len(picked), "images ->", args.out)


if __name__ == "__main__":
    main()
