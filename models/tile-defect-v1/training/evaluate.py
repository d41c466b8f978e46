"""Validation metrics for the tile-defect models (used by export.py; also runnable on its own).

Usage: python3 evaluate.py --ckpt /tmp/tile-defect-v1/ckpt.pt [--data DIR] [--manifest PATH]
Re-measures a checkpoint (either variant) with the calibration recorded in its model's
manifest.json (torch, eval mode; the parity test shows model.onnx gives the same numbers), or
with a fresh validation fit (--refit) when no manifest for these weights exists yet. All
figures are on the VALIDATION groups of the seeded group split, which training never saw.
"""
from __future__ import annotations

import math
import os

import numpy as np
import torch
from sklearn.metrics import roc_auc_score

from common import CANVAS, LABELS, STRIDE, load_gray, load_mask, mask_to_cells, preprocess

Z = 1.959964
# The app's `loupe eval` (electron/services/evaluation/evaluate.ts) counts a highlight as a hit
# when a mask pixel lies within this many source pixels of the peak; reported alongside the
# stricter "peak cell contains a mask pixel" figure.
HIGHLIGHT_RADIUS_PX = 15


def peak_source(m: np.ndarray, g: dict):
    """Heatmap argmax cell centre in source pixels, as postprocess.ts computes it."""
    r, c = divmod(int(np.argmax(m)), m.shape[1])
    x = ((c + 0.5) * STRIDE - g["offsetX"]) / (g["nw"] / g["sourceWidth"])
    y = ((r + 0.5) * STRIDE - g["offsetY"]) / (g["nh"] / g["sourceHeight"])
    return min(max(x, 0.0), g["sourceWidth"] - 1.0), min(max(y, 0.0), g["sourceHeight"] - 1.0)


def peak_near_mask(mask: np.ndarray, px: float, py: float, radius: float = HIGHLIGHT_RADIUS_PX) -> bool:
    ys, xs = np.nonzero(mask)
    return bool(len(xs)) and bool((((xs - px) ** 2 + (ys - py) ** 2) <= radius * radius).any())


def wilson(x: int, n: int):
    if n == 0:
        return [float("nan"), float("nan")]
    c = (x + Z * Z / 2) / (n + Z * Z)
    hw = Z * math.sqrt(x * (n - x) / n + Z * Z / 4) / (n + Z * Z)
    return [max(0.0, c - hw), min(1.0, c + hw)]


def prop(x: int, n: int):
    return {"value": x / n if n else float("nan"), "x": int(x), "n": int(n), "wilson95": wilson(x, n)}


def infer(net, data_dir, items, canvas=CANVAS, batch=16):
    """Run the raw network (no calibration) on full letterboxed canvases."""
    out = []
    net.eval()
    for i in range(0, len(items), batch):
        chunk = items[i:i + batch]
        xs, geoms = [], []
        for it in chunk:
            x, g = preprocess(load_gray(os.path.join(data_dir, it.image)), canvas)
            xs.append(x)
            geoms.append(g)
        with torch.no_grad():
            s, t, m = net(torch.from_numpy(np.concatenate(xs)))
        for j, it in enumerate(chunk):
            cells, near = None, None
            heat = m[j, 0].numpy()
            if it.has_mask:
                mask = load_mask(os.path.join(data_dir, it.image[:-4] + ".png"))
                cells = mask_to_cells(mask, geoms[j], canvas)
                near = peak_near_mask(mask, *peak_source(heat, geoms[j]))
            out.append(dict(item=it, s=float(s[j]), t=t[j].numpy(), m=heat, cells=cells, near=near))
    return out


def threshold_at_frr(p_ok: np.ndarray, max_frr: float) -> float:
    """Smallest threshold tau (call defect when p >= tau) whose false-reject share <= max_frr."""
    srt = np.sort(p_ok)[::-1]
    allowed = int(math.floor(max_frr * len(srt)))
    # tau just above the (allowed+1)-th largest OK score keeps exactly `allowed` false rejects
    return float(np.nextafter(srt[allowed], np.inf)) if allowed < len(srt) else 0.0


def ece(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    idx = np.minimum((p * bins).astype(int), bins - 1)
    e = 0.0
    for b in range(bins):
        sel = idx == b
        if sel.any():
            e += sel.mean() * abs(p[sel].mean() - y[sel].mean())
    return float(e)


def group_bootstrap(stat, p, y, groups, reps=1000, seed=0):
    """95 % percentile interval of stat(y, p) when whole validation groups are resampled
    (captures of one tile are not independent, so images must not be resampled one by one)."""
    rng = np.random.default_rng(seed)
    ug = np.unique(groups)
    idx_by = {g: np.nonzero(groups == g)[0] for g in ug}
    vals = []
    for _ in range(reps):
        pick = np.concatenate([idx_by[g] for g in rng.choice(ug, len(ug))])
        if 0 < y[pick].sum() < len(pick):
            vals.append(stat(y[pick], p[pick]))
    return [float(np.percentile(vals, 2.5)), float(np.percentile(vals, 97.5))]


def group_bootstrap_auc(p, y, groups, reps=1000, seed=0):
    return group_bootstrap(roc_auc_score, p, y, groups, reps, seed)


def group_bootstrap_ece(p, y, groups, reps=1000, seed=0):
    return group_bootstrap(lambda yy, pp: ece(pp, yy), p, y, groups, reps, seed)


def metrics(rows, p_def: np.ndarray, type_prob: np.ndarray):
    """rows: infer() output; p_def: defect probability per row; type_prob [N,5]."""
    y = np.array([r["item"].label != "ok" for r in rows], dtype=int)
    groups = np.array([r["item"].group for r in rows])
    auc = float(roc_auc_score(y, p_def))
    tau = threshold_at_frr(p_def[y == 0], 0.05)
    tp = int((p_def[y == 1] >= tau).sum())
    fp = int((p_def[y == 0] >= tau).sum())
    hits, near, n_hit = 0, 0, 0
    for r in rows:
        if r["cells"] is not None and r["cells"].any():
            n_hit += 1
            k = int(np.argmax(r["m"]))
            hits += int(r["cells"].flat[k] == 1)
            near += int(r["near"])
    true_type = np.array([LABELS.index(r["item"].label) - 1 for r in rows])
    d = y == 1
    type_ok = int((type_prob[d].argmax(1) == true_type[d]).sum())
    per_class = {}
    for k, lab in enumerate(LABELS[1:]):
        sel = true_type == k
        per_class[lab] = {"recallAtFrr5": prop(int((p_def[sel] >= tau).sum()), int(sel.sum())),
                          "typeAccuracy": prop(int((type_prob[sel].argmax(1) == k).sum()), int(sel.sum()))}
    return {
        "n": len(rows), "nDefect": int(y.sum()), "nOk": int((1 - y).sum()),
        "imageAuroc": {"value": auc, "groupBootstrap95": group_bootstrap_auc(p_def, y, groups)},
        "thresholdAtFrr5": tau,
        "recallAtFrr5": prop(tp, int(y.sum())),
        "falseRejectAtThreshold": prop(fp, int((1 - y).sum())),
        "highlightHit": prop(hits, n_hit),
        "highlightHitRadius15px": prop(near, n_hit),
        "defectTypeAccuracy": prop(type_ok, int(d.sum())),
        "perClass": per_class,
        "stride": STRIDE,
    }


def validation_set(ckpt_path, data_dir):
    """The checkpoint's network run on its validation groups, and the arrays every check reads:
    -> net, variant, ck, rows, (s: defect logits, t: type logits [N,5], y: 1 if defective,
    groups, cls: true defect type index, -1 for OK)."""
    from common import load_checkpoint, read_items
    net, variant, ck = load_checkpoint(ckpt_path)
    rows = infer(net, data_dir, [it for it in read_items(data_dir) if it.group in set(ck["val_groups"])],
                 variant.canvas)
    s = np.array([r["s"] for r in rows])
    t = np.stack([r["t"] for r in rows])
    y = np.array([r["item"].label != "ok" for r in rows], dtype=float)
    groups = np.array([r["item"].group for r in rows])
    cls = np.array([LABELS.index(r["item"].label) - 1 for r in rows])
    return net, variant, ck, rows, (s, t, y, groups, cls)


def main():
    import argparse
    import json

    from calibration import sigmoid, softmax
    from common import DEFAULT_DATA
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--ckpt", required=True)
    ap.add_argument("--manifest", help="manifest whose calibration to apply (default: the variant's model folder)")
    ap.add_argument("--refit", action="store_true", help="fit Platt + temperature on validation instead")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    here = os.path.dirname(os.path.abspath(__file__))
    net, variant, ck, rows, (s, t, y, groups, cls) = validation_set(args.ckpt, args.data)
    if args.refit:
        from calibration import fit_platt, fit_temperature
        d = y == 1
        a, b = fit_platt(s, y)
        T = fit_temperature(t[d], cls[d])
    else:
        path = args.manifest or os.path.join(here, "..", "..", variant.model_dir, "manifest.json")
        cal = json.load(open(path))["calibration"]
        a, b, T = cal["a"], cal["b"], cal["temperature"]
    p = sigmoid(a * s + b)
    m = metrics(rows, p, softmax(t / T))
    m["ece"] = {"before": ece(sigmoid(s), y), "after": ece(p, y), "a": a, "b": b, "T": T}
    print(json.dumps(m, indent=1))


if __name__ == "__main__":
    main()
