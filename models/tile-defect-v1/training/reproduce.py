"""One command, end to end: train -> calibrate + measure + export (model.onnx, manifest.json,
MODEL_CARD.md, metrics.json) -> parity fixtures [-> demo image set, default model only].

Usage (from the repo root):
  /usr/bin/python3 models/tile-defect-v1/training/reproduce.py                  # tile-defect-v1 1.1.0
  /usr/bin/python3 models/tile-defect-v1/training/reproduce.py --variant lite   # tile-defect-lite 1.0.0
      [--data ../shared/datasets/magnetic-tile-defect] [--steps N] [--seed 1234] [--max-minutes M]

Run the default variant before the lite one when regenerating both: the lite parity
references reuse the parity images that the default run copies.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile

from common import DEFAULT_DATA, VARIANTS

HERE = os.path.dirname(os.path.abspath(__file__))
# Schedules that fit the time budgets on the 2-core build machine: steps set the run on an idle
# machine (~35 and ~12 min); --max-minutes caps a busy one (the cosine anneal still completes).
SCHEDULE = {"default": ("16000", "40"), "lite": ("10000", "13")}


def run(*args):
    print("+", " ".join(args), flush=True)
    subprocess.run([sys.executable, *args], cwd=HERE, check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA,
                    help="dataset folder (default: ../shared/datasets/magnetic-tile-defect from the repo root)")
    ap.add_argument("--variant", default="default", choices=sorted(SCHEDULE))
    ap.add_argument("--steps")
    ap.add_argument("--seed", default="1234")
    ap.add_argument("--max-minutes")
    ap.add_argument("--ckpt")
    args = ap.parse_args()
    steps, minutes = SCHEDULE[args.variant]
    ckpt = args.ckpt or os.path.join(tempfile.gettempdir(), VARIANTS[args.variant].model_id, "ckpt.pt")
    data = os.path.abspath(args.data)
    if not os.path.exists(os.path.join(data, "groups.csv")):
        sys.exit(f"dataset not found at {data} (expected groups.csv there); pass --data")
    os.makedirs(os.path.dirname(ckpt), exist_ok=True)
    run("train.py", "--data", data, "--out", ckpt, "--variant", args.variant, "--steps", args.steps or steps,
        "--seed", args.seed, "--max-minutes", args.max_minutes or minutes, "--threads", "2")
    run("export.py", "--data", data, "--ckpt", ckpt)
    run("parity.py", "--data", data, "--ckpt", ckpt)
    if args.variant == "default":
        run("demo.py", "--data", data, "--seed", args.seed)


if __name__ == "__main__":
    main()
