"""Writes parity fixtures for the Node runtime test (test/node/inference/parity.test.ts):
a few small validation images copied from the dataset, and for each the decoded-pixel
checksum, the pre-processed tensor (summary + sampled values) and the model outputs computed
with torch in eval mode from the same weights and calibration as the exported model.onnx.

The default model's references go to reference.json (and the images are (re)copied); another
variant's go to reference-<variant>.json over the same images (same split, same picks), which
must already be there.

Usage: python3 parity.py --data DIR --ckpt ckpt.pt [--out test/fixtures/parity]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil

import numpy as np
import torch

from common import DEFAULT_DATA, Calibrated, load_checkpoint, load_gray, preprocess, read_items

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
PICK = {"ok": 3, "blowhole": 1, "crack": 1, "break": 1, "uneven": 1}


def f32(x):
    return float(np.float32(x))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--out", default=os.path.join(REPO, "test", "fixtures", "parity"))
    ap.add_argument("--samples", type=int, default=300)
    args = ap.parse_args()
    torch.set_num_threads(1)
    net, variant, ck = load_checkpoint(args.ckpt)
    canvas = variant.canvas
    default = ck.get("variant", "default") == "default"
    model_dir = os.path.join(REPO, "models", variant.model_dir)
    manifest = json.load(open(os.path.join(model_dir, "manifest.json")))
    onnx_sha = hashlib.sha256(open(os.path.join(model_dir, manifest["file"]), "rb").read()).hexdigest()
    assert onnx_sha == manifest["sha256"], "model.onnx and manifest.json are out of sync"
    cal = manifest["calibration"]
    model = Calibrated(net, cal["a"], cal["b"], cal["temperature"]).eval()

    items = [it for it in read_items(args.data) if it.group in set(ck["val_groups"])]
    # Smallest files keep the committed fixtures to a few KB each.
    items.sort(key=lambda it: (os.path.getsize(os.path.join(args.data, it.image)), it.name))
    chosen = []
    for label, n in PICK.items():
        chosen += [it for it in items if it.label == label][:n]

    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out) if default else []:
        if f.endswith(".jpg"):
            os.remove(os.path.join(args.out, f))
    rng = np.random.default_rng(7)
    records = []
    for it in chosen:
        src = os.path.join(args.data, it.image)
        if default:
            shutil.copyfile(src, os.path.join(args.out, it.name + ".jpg"))
        assert os.path.exists(os.path.join(args.out, it.name + ".jpg")), "run parity.py for the default model first"
        img = load_gray(src)
        x, g = preprocess(img, canvas)
        flat = x.reshape(-1)
        ox, oy, nw, nh = g["offsetX"], g["offsetY"], g["nw"], g["nh"]
        # Mostly inside the tile (where the arithmetic happens), some anywhere (padding).
        inside = (rng.integers(oy, oy + nh, args.samples) * canvas + rng.integers(ox, ox + nw, args.samples))
        anywhere = rng.integers(0, flat.size, args.samples // 6)
        idx = np.unique(np.concatenate([inside, anywhere]))
        with torch.no_grad():
            p, cp, hm = model(torch.from_numpy(x))
        records.append({
            "file": it.name + ".jpg", "label": it.label, "width": int(img.shape[1]), "height": int(img.shape[0]),
            "pixelSha256": hashlib.sha256(img.tobytes()).hexdigest(),
            "geometry": {"offsetX": ox, "offsetY": oy, "contentWidth": nw, "contentHeight": nh, "scale": g["scale"]},
            "tensor": {"dims": list(x.shape), "sum": float(flat.astype(np.float64).sum()),
                       "sumSq": float((flat.astype(np.float64) ** 2).sum()),
                       "min": f32(flat.min()), "max": f32(flat.max()),
                       "sampleIndex": idx.tolist(), "sampleValue": [f32(v) for v in flat[idx]]},
            "outputs": {"defectProbability": f32(p[0]), "classProbabilities": [f32(v) for v in cp[0]],
                        "heatmapDims": list(hm.shape), "heatmap": [round(f32(v), 6) for v in hm.reshape(-1)]},
        })
    ref = {"modelId": manifest["id"], "modelVersion": manifest["version"], "modelSha256": manifest["sha256"],
           "note": "written by models/tile-defect-v1/training/parity.py; outputs from torch eval mode",
           "images": records}
    name = "reference.json" if default else f"reference-{ck['variant']}.json"
    with open(os.path.join(args.out, name), "w") as f:
        json.dump(ref, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", len(records), "parity references to", os.path.join(args.out, name))


if __name__ == "__main__":
    main()
