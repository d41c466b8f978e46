"""Calibrate on the validation groups, measure, export ONNX (opset 13), write manifest.json,
metrics.json and MODEL_CARD.md. model.onnx and manifest.json are written together (the
manifest carries the ONNX file's sha256), via temp files + rename so they never disagree
for long.

The checkpoint says which variant it is (default -> models/tile-defect-v1, version 1.1.0;
lite -> models/tile-defect-lite, version 1.0.0; see VARIANTS in common.py).

Usage: python3 export.py --data DIR --ckpt ckpt.pt [--model-dir DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import time

import numpy as np
import onnx
import torch

from calibration import cross_fitted_ece, fit_platt, fit_temperature, sigmoid, softmax
from common import DEFAULT_DATA, LABELS, PAD_VALUE, STD_FLOOR, STRIDE, Calibrated
from evaluate import ece, group_bootstrap_ece, metrics, validation_set
from model_card import write_card

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(os.path.dirname(HERE))
CITATION = ('Yibin Huang, Congying Qiu, Kui Yuan. "Surface defect saliency of magnetic tile." '
            "The Visual Computer 36, 85-96 (2020). https://doi.org/10.1007/s00371-018-1588-5")
REGION_THRESHOLD = 0.5


def band(p, y):
    """Default bands from validation: t_ok lets <= 5 % of defects through, t_defect
    falsely rejects <= 2 % of OK tiles; clamped so t_ok <= t_defect."""
    pd, po = np.sort(p[y == 1]), np.sort(p[y == 0])
    t_ok = float(np.floor(pd[int(np.floor(0.05 * len(pd)))] * 100) / 100)
    t_def = float(np.ceil(po[min(len(po) - 1, int(np.ceil(0.98 * len(po))))] * 100) / 100)
    t_ok = max(0.01, t_ok)
    t_def = min(0.99, max(t_def, t_ok))
    return t_ok, t_def


def torch_latency_ms(model, canvas, reps=30):
    """Median single-image CPU time of the exported module in torch on 1 thread (a relative
    speed figure for the card; the station runs onnxruntime-node, which is faster)."""
    torch.set_num_threads(1)
    x = torch.zeros(1, 1, canvas, canvas)
    times = []
    with torch.no_grad():
        for i in range(reps + 3):
            t0 = time.perf_counter()
            model(x)
            if i >= 3:
                times.append((time.perf_counter() - t0) * 1000)
    return round(float(np.median(times)), 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--model-dir", help="default: models/<variant folder>")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    net, variant, ck, rows, (s, t, y, groups, cls) = validation_set(args.ckpt, args.data)
    model_dir = args.model_dir or os.path.join(MODELS, variant.model_dir)
    os.makedirs(model_dir, exist_ok=True)
    canvas = variant.canvas

    a, b = fit_platt(s, y)
    T = fit_temperature(t[y == 1], cls[y == 1])
    p_raw, p_cal = sigmoid(s), sigmoid(a * s + b)
    m = metrics(rows, p_cal, softmax(t / T))
    m["calibration"] = {"method": "Platt scaling of the defect logit (a, b) + temperature T on defect-type logits, fitted on validation",
                        "a": a, "b": b, "T": T,
                        "eceBefore": ece(p_raw, y), "eceAfterInSample": ece(p_cal, y),
                        "eceAfterCrossFitted": cross_fitted_ece(s, y, groups, ck["seed"]), "bins": 10,
                        "eceBeforeGroupBootstrap95": group_bootstrap_ece(p_raw, y, groups),
                        "eceAfterInSampleGroupBootstrap95": group_bootstrap_ece(p_cal, y, groups)}
    t_ok, t_def = band(p_cal, y)
    m["train"] = {"variant": ck.get("variant", "default"), "steps": ck["steps_done"],
                  "stepsPlanned": ck.get("steps", ck["steps_done"]), "seconds": round(ck["train_seconds"], 1),
                  "threads": ck.get("threads", 1), "seed": ck["seed"],
                  "trainGroups": len(ck["train_groups"]), "valGroups": ck["val_groups"]}

    model = Calibrated(net, a, b, T).eval()
    m["model"] = {"parameters": sum(p.numel() for p in net.parameters()), "canvas": canvas,
                  "torchMsPerImage1Thread": torch_latency_ms(model, canvas)}
    torch.set_num_threads(args.threads)
    onnx_path = os.path.join(model_dir, "model.onnx")
    tmp_onnx = onnx_path + ".tmp"
    torch.onnx.export(model, torch.zeros(1, 1, canvas, canvas), tmp_onnx, opset_version=13,
                      input_names=["image"],
                      output_names=["defect_probability", "class_probabilities", "heatmap"],
                      dynamic_axes={"image": {0: "batch"}, "defect_probability": {0: "batch"},
                                    "class_probabilities": {0: "batch"}, "heatmap": {0: "batch"}})
    onnx.checker.check_model(onnx.load(tmp_onnx))
    sha = hashlib.sha256(open(tmp_onnx, "rb").read()).hexdigest()
    g = canvas // STRIDE
    manifest = {
        "id": variant.model_id,
        "version": variant.version,
        "file": "model.onnx",
        "sha256": sha,
        "input": {"name": "image", "channels": 1, "height": canvas, "width": canvas, "dtype": "float32",
                  "layout": "NCHW"},
        "preprocessing": {
            "colorSpace": "gray8",
            "resize": {"mode": "letterbox", "algorithm": "bilinear-half-pixel", "anchor": "center",
                       "upscale": True, "rounding": "floor(x+0.5)",
                       "note": "scale = min(W/w, H/h); content nw = round(w*scale), nh = round(h*scale); "
                               "offset = floor((W-nw)/2), floor((H-nh)/2); source coord "
                               "(i+0.5)*(w/nw)-0.5 clamped to [0, w-1], taps floor/floor+1 clamped"},
            "normalization": {"kind": "per-image-standardize", "over": "content", "stdFloor": STD_FLOOR,
                              "note": "x = (v - mean) / max(std, stdFloor); population std of the resized "
                                      "content pixels (0..255), float64 accumulation"},
            "padValue": PAD_VALUE,
        },
        "outputs": {"defectProbability": "defect_probability", "classProbabilities": "class_probabilities",
                    "heatmap": "heatmap"},
        "outputShapes": {"defect_probability": ["N"], "class_probabilities": ["N", len(LABELS)],
                         "heatmap": ["N", 1, g, g]},
        "heatmap": {"stride": STRIDE, "height": g, "width": g,
                    "cellMapping": "cell (row r, col c) covers input pixels x in [c*stride, (c+1)*stride), "
                                   "y in [r*stride, (r+1)*stride)"},
        "labels": LABELS,
        "okLabel": "ok",
        "thresholds": {"t_ok": t_ok, "t_defect": t_def, "heatmapRegion": REGION_THRESHOLD},
        "calibration": {"method": "platt+temperature", "appliedInGraph": True, "a": a, "b": b, "temperature": T,
                        "fittedOn": f"validation groups ({len(rows)} images)",
                        "note": "defect_probability = sigmoid(a*s+b); class_probabilities = softmax([0, "
                                "logit(defect_probability) + log_softmax(type_logits/T)]), so P(ok) = 1 - "
                                "defect_probability"},
        "dataset": {"name": "Magnetic Tile Surface Defect dataset", "citation": CITATION,
                    "doi": "10.1007/s00371-018-1588-5",
                    "source": "github.com/abin24/Magnetic-tile-defect-datasets. @ cc4eb530b57b9cb7225bf76023873043ffd50655"},
        "createdAt": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
    }
    man_path = os.path.join(model_dir, "manifest.json")
    with open(man_path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    os.replace(tmp_onnx, onnx_path)
    os.replace(man_path + ".tmp", man_path)
    # metrics.json sits beside the recipe for the committed model; elsewhere beside the model.
    train_dir = os.path.join(model_dir, "training")
    with open(os.path.join(train_dir if os.path.isdir(train_dir) else model_dir, "metrics.json"), "w") as f:
        json.dump(m, f, indent=2)
        f.write("\n")
    write_card(os.path.join(model_dir, "MODEL_CARD.md"), manifest, m)
    print(json.dumps({k: m[k] for k in ("imageAuroc", "recallAtFrr5", "highlightHit", "highlightHitRadius15px", "defectTypeAccuracy")}, indent=1))
    print(json.dumps(m["calibration"], indent=1), "thresholds", t_ok, t_def)


if __name__ == "__main__":
    main()
