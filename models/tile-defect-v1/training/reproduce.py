"""One command, end to end: train -> calibrate + measure + export (model.onnx, manifest.json,
MODEL_CARD.md, training/metrics.json) -> parity fixtures -> demo image set.

Usage (from the repo root):
  /usr/bin/python3 models/tile-defect-v1/training/reproduce.py \
      [--data ../shared/datasets/magnetic-tile-defect] [--steps 4200] [--seed 1234]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# <repo>/../shared/datasets/magnetic-tile-defect, whatever the working directory is.
DEFAULT_DATA = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "shared", "datasets",
                                             "magnetic-tile-defect"))


def run(*args):
    print("+", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], cwd=HERE, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA,
                    help="dataset folder (default: ../shared/datasets/magnetic-tile-defect from the repo root)")
    ap.add_argument("--steps", default="4200")
    ap.add_argument("--seed", default="1234")
    ap.add_argument("--max-minutes", default="18.5")
    ap.add_argument("--ckpt", default=os.path.join(tempfile.gettempdir(), "tile-defect-v1", "ckpt.pt"))
    args = ap.parse_args()
    data = os.path.abspath(args.data)
    if not os.path.exists(os.path.join(data, "groups.csv")):
        sys.exit(f"dataset not found at {data} (expected groups.csv there); pass --data")
    os.makedirs(os.path.dirname(args.ckpt), exist_ok=True)
    run("train.py", "--data", data, "--out", args.ckpt, "--steps", args.steps, "--seed", args.seed,
        "--max-minutes", args.max_minutes)
    run("export.py", "--data", data, "--ckpt", args.ckpt)
    run("parity.py", "--data", data, "--ckpt", args.ckpt)
    run("demo.py", "--data", data, "--seed", args.seed)


if __name__ == "__main__":
    main()
