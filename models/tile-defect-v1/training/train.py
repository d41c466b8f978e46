"""Train TileNet on defect-centred crops of the letterboxed canvas.

Why crops: ~60 distinct defective tiles, each photographed ~6 times. A model fed whole
images learns tile identity; crops centred on defect pixels (and random/corner crops of
OK tiles) make it learn local appearance, and the heatmap is supervised by the masks.

Usage: python3 train.py --data DIR --out ckpt.pt --steps 3000 [--seed 1234]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

from common import (CANVAS, DEFAULT_DATA, LABELS, STRIDE, TileNet, group_split, letterbox_geometry,
                    load_gray, load_mask, mask_to_cells, read_items, resize_bilinear)

CROP = 160
G = CANVAS // STRIDE


def build_cache(data_dir, items):
    """Raw (unstandardised) letterboxed canvases + cell targets, computed once."""
    cache = []
    for it in items:
        img = load_gray(os.path.join(data_dir, it.image))
        h, w = img.shape
        scale, nw, nh, ox, oy = letterbox_geometry(w, h)
        canvas = np.zeros((CANVAS, CANVAS), np.float32)
        canvas[oy:oy + nh, ox:ox + nw] = resize_bilinear(img, nw, nh)
        valid = np.zeros((CANVAS, CANVAS), bool)
        valid[oy:oy + nh, ox:ox + nw] = True
        geom = dict(scale=scale, offsetX=ox, offsetY=oy, sourceWidth=w, sourceHeight=h, nw=nw, nh=nh)
        if it.has_mask:
            cells = mask_to_cells(load_mask(os.path.join(data_dir, it.image[:-4] + ".png")), geom)
        else:
            cells = np.zeros((G, G), np.uint8)
        cache.append(dict(canvas=canvas, valid=valid, rect=(ox, oy, nw, nh), cells=cells, geom=geom))
    return cache


def augment(c, rng):
    """Photometric changes that survive per-image standardisation (gamma, illumination
    ramps, noise), then standardise over the tile pixels exactly like inference does."""
    ox, oy, nw, nh = c["rect"]
    v = c["canvas"][oy:oy + nh, ox:ox + nw].astype(np.float32) / 255.0
    gamma = math.exp(rng.uniform(math.log(0.6), math.log(1.7)))
    v = np.power(np.clip(v, 0, 1), gamma)
    if rng.random() < 0.7:
        ang = rng.uniform(0, 2 * math.pi)
        yy, xx = np.mgrid[0:nh, 0:nw].astype(np.float32)
        ramp = (np.cos(ang) * (xx / max(nw, 1) - 0.5) + np.sin(ang) * (yy / max(nh, 1) - 0.5))
        v = v * (1.0 + rng.uniform(0.2, 0.7) * ramp)
    if rng.random() < 0.5:
        v = v + rng.normal(0, rng.uniform(0.002, 0.02), v.shape).astype(np.float32)
    mean, std = v.mean(), v.std()
    out = np.zeros((CANVAS, CANVAS), np.float32)
    out[oy:oy + nh, ox:ox + nw] = (v - mean) / max(std, 1.0 / 255.0)
    return out


def geo_flip(x, cells, rng):
    if rng.random() < 0.5:
        x, cells = x[:, ::-1], cells[:, ::-1]
    if rng.random() < 0.5:
        x, cells = x[::-1, :], cells[::-1, :]
    if rng.random() < 0.25:
        x, cells = np.rot90(x), np.rot90(cells)
    return x, cells


def crop_origin(cx, cy, rng, jitter):
    """Cell-aligned crop origin around canvas point (cx, cy)."""
    x0 = cx - CROP // 2 + int(rng.integers(-jitter, jitter + 1))
    y0 = cy - CROP // 2 + int(rng.integers(-jitter, jitter + 1))
    x0 = int(np.clip(x0 // STRIDE * STRIDE, 0, CANVAS - CROP))
    y0 = int(np.clip(y0 // STRIDE * STRIDE, 0, CANVAS - CROP))
    return x0, y0


def sample(items, cache, by_class, ok_idx, rng):
    if rng.random() < 0.5:   # defect crop, classes balanced (fray has only ~20 train images)
        cls = LABELS[1 + int(rng.integers(5))]
        i = by_class[cls][int(rng.integers(len(by_class[cls])))]
        c = cache[i]
        x, cells = geo_flip(augment(c, rng), c["cells"], rng)
        ys, xs = np.nonzero(cells)
        k = int(rng.integers(len(xs)))
        x0, y0 = crop_origin(xs[k] * STRIDE + 4, ys[k] * STRIDE + 4, rng, CROP // 2 - 24)
    else:                    # OK crop; a third of them on a tile corner, where false alarms sat
        i = ok_idx[int(rng.integers(len(ok_idx)))]
        c = cache[i]
        x, cells = geo_flip(augment(c, rng), c["cells"], rng)
        ys, xs = np.nonzero(np.ascontiguousarray(x) != 0)
        if rng.random() < 0.33:
            cx = int(xs.min() if rng.random() < 0.5 else xs.max())
            cy = int(ys.min() if rng.random() < 0.5 else ys.max())
            x0, y0 = crop_origin(cx, cy, rng, 40)
        else:
            k = int(rng.integers(len(xs)))
            x0, y0 = crop_origin(int(xs[k]), int(ys[k]), rng, 0)
    xc = np.ascontiguousarray(x[y0:y0 + CROP, x0:x0 + CROP])
    tc = np.ascontiguousarray(cells[y0 // STRIDE:(y0 + CROP) // STRIDE, x0 // STRIDE:(x0 + CROP) // STRIDE])
    y = float(tc.any())
    return xc, tc.astype(np.float32), y, LABELS.index(items[i].label) - 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", required=True)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--max-minutes", type=float, default=20.0)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    items = read_items(args.data)
    train_groups, val_groups = group_split(items, seed=args.seed)
    tr = [it for it in items if it.group in set(train_groups)]
    t0 = time.time()
    cache = build_cache(args.data, tr)
    print(f"cached {len(tr)} train images in {time.time() - t0:.1f}s", flush=True)
    by_class = {l: [i for i, it in enumerate(tr) if it.label == l and it.has_mask] for l in LABELS[1:]}
    ok_idx = [i for i, it in enumerate(tr) if it.label == "ok"]

    net = TileNet()
    opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=1e-4)
    pos_weight = torch.tensor(5.0)
    t0 = time.time()
    budget = args.max_minutes * 60
    done = 0
    for step in range(args.steps):
        # Progress is the larger of step and wall-time fractions: on an idle machine the run is
        # step-determined (reproducible); on a busy one the cosine anneal still completes
        # inside the wall-time cap instead of stopping at a high learning rate.
        progress = max(step / args.steps, (time.time() - t0) / budget)
        if progress >= 1.0:
            print(f"wall-time cap reached after {done} steps (annealed to the end)", flush=True)
            break
        warm = 0.05
        lr = args.lr * (progress / warm if progress < warm else
                        0.5 * (1 + math.cos(math.pi * (progress - warm) / (1 - warm))))
        for grp in opt.param_groups:
            grp["lr"] = lr
        batch = [sample(tr, cache, by_class, ok_idx, rng) for _ in range(args.batch)]
        x = torch.from_numpy(np.stack([b[0] for b in batch]))[:, None]
        tc = torch.from_numpy(np.stack([b[1] for b in batch]))[:, None]
        y = torch.tensor([b[2] for b in batch])
        cls = torch.tensor([b[3] for b in batch])
        s, t, m = net(x)
        l_heat = F.binary_cross_entropy_with_logits(m, tc, pos_weight=pos_weight)
        l_img = F.binary_cross_entropy_with_logits(s, y)
        pos = y > 0.5
        l_type = F.cross_entropy(t[pos], cls[pos]) if pos.any() else t.sum() * 0
        loss = l_heat + l_img + 0.5 * l_type
        opt.zero_grad()
        loss.backward()
        opt.step()
        done = step + 1
        if step % 100 == 0 or step == args.steps - 1:
            print(f"step {step} loss {loss.item():.3f} heat {l_heat.item():.3f} img {l_img.item():.3f} "
                  f"type {l_type.item():.3f} lr {lr:.5f} {time.time() - t0:.0f}s", flush=True)
    torch.save({"state_dict": net.state_dict(), "seed": args.seed, "steps_done": done,
                "steps": args.steps, "train_seconds": time.time() - t0,
                "val_groups": val_groups, "train_groups": train_groups}, args.out)
    print(json.dumps({"steps_done": done, "train_seconds": round(time.time() - t0, 1)}))


if __name__ == "__main__":
    main()
