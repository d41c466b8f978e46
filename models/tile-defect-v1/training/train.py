"""Train TileNet on defect-centred crops of the letterboxed canvas (plus a few whole canvases).

Why crops: ~60 distinct defective tiles, each photographed ~6 times. A model fed whole
images learns tile identity; crops centred on defect pixels (and random/corner/hard crops of
OK tiles) make it learn local appearance, and the heatmap is supervised by the masks.

What 1.1.0 added over 1.0.0 (each for a stated reason, not picked by trying seeds):
- 2 CPU threads and a longer schedule (1.0.0 was 4,200 steps on one thread, still improving).
- Online hard-negative mining: every --mine-every steps the net scores the OK training tiles
  and a third of the OK crops are centred on their hottest cells (corners, chamfered edges,
  grinding marks: where 1.0.0's confident false alarms sat), instead of only fixed corners.
- Whole-canvas steps: every --full-every-th step is a batch of whole letterboxed canvases, so
  the top-k image score and the heat-attention type head also train on the geometry they see
  at inference (a crop has 400 cells, a canvas 2,304 incl. corners and padding).
- OK captures from groups that also hold defect captures ("mixed" groups: the defect may be
  visible under some captures, DATASET.md) stay ordinary negatives but are kept out of the
  mined and whole-canvas negatives, so the mining does not amplify that label noise.

Usage: python3 train.py --out ckpt.pt [--variant default|lite] [--steps N] [--seed 1234]
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

from common import (DEFAULT_DATA, LABELS, STD_FLOOR, STRIDE, VARIANTS, TileNet, group_split,
                    letterbox_geometry, load_gray, load_mask, mask_to_cells, read_items, resize_bilinear)


def build_cache(data_dir, items, canvas):
    """Raw (unstandardised) letterboxed canvases + cell targets, computed once."""
    cache = []
    g = canvas // STRIDE
    for it in items:
        img = load_gray(os.path.join(data_dir, it.image))
        h, w = img.shape
        scale, nw, nh, ox, oy = letterbox_geometry(w, h, canvas)
        raw = np.zeros((canvas, canvas), np.float32)
        raw[oy:oy + nh, ox:ox + nw] = resize_bilinear(img, nw, nh)
        geom = dict(scale=scale, offsetX=ox, offsetY=oy, sourceWidth=w, sourceHeight=h, nw=nw, nh=nh)
        if it.has_mask:
            cells = mask_to_cells(load_mask(os.path.join(data_dir, it.image[:-4] + ".png")), geom, canvas)
        else:
            cells = np.zeros((g, g), np.uint8)
        cache.append(dict(canvas=raw, rect=(ox, oy, nw, nh), cells=cells))
    return cache


def augmented_crop(c, rng, x0, y0, size):
    """Photometric changes that survive per-image standardisation (gamma, illumination ramp,
    noise), applied to the crop only; the standardisation statistics come from the same
    transform applied to every 3rd tile pixel, so the crop is standardised over the whole tile
    exactly as inference standardises (up to subsampling). Padding stays 0."""
    ox, oy, nw, nh = c["rect"]
    gamma = math.exp(rng.uniform(math.log(0.6), math.log(1.7)))
    ramp = (rng.uniform(0, 2 * math.pi), rng.uniform(0.2, 0.7)) if rng.random() < 0.7 else None
    sigma = rng.uniform(0.002, 0.02) if rng.random() < 0.5 else 0.0

    def tf(v, yy, xx):
        v = np.power(np.clip(v / 255.0, 0, 1), gamma)
        if ramp is not None:
            ang, amp = ramp
            v = v * (1.0 + amp * (math.cos(ang) * ((xx - ox) / max(nw, 1) - 0.5) +
                                  math.sin(ang) * ((yy - oy) / max(nh, 1) - 0.5)))
        if sigma:
            v = v + rng.normal(0, sigma, v.shape).astype(np.float32)
        return v

    ys, xs = np.arange(oy, oy + nh, 3), np.arange(ox, ox + nw, 3)
    sub = tf(c["canvas"][np.ix_(ys, xs)], ys[:, None].astype(np.float32), xs[None, :].astype(np.float32))
    mean, std = float(sub.mean()), float(sub.std())
    yy, xx = np.mgrid[y0:y0 + size, x0:x0 + size].astype(np.float32)
    v = tf(c["canvas"][y0:y0 + size, x0:x0 + size], yy, xx)
    inside = (yy >= oy) & (yy < oy + nh) & (xx >= ox) & (xx < ox + nw)
    return np.where(inside, (v - mean) / max(std, STD_FLOOR / 255.0), 0.0).astype(np.float32)


def geo_flip(x, cells, rng):
    if rng.random() < 0.5:
        x, cells = x[:, ::-1], cells[:, ::-1]
    if rng.random() < 0.5:
        x, cells = x[::-1, :], cells[::-1, :]
    if rng.random() < 0.25:
        x, cells = np.rot90(x), np.rot90(cells)
    return np.ascontiguousarray(x), np.ascontiguousarray(cells)


class Sampler:
    """Draws training samples. Crops: half centred on a defect cell of a class drawn uniformly
    (class balance: fray has ~20 training images), half on OK tiles (random points, tile
    corners, and - once mined - the hottest cells of clean OK tiles)."""

    def __init__(self, items, cache, variant, rng):
        self.items, self.cache, self.v, self.rng = items, cache, variant, rng
        labels_by_group = {}
        for it in items:
            labels_by_group.setdefault(it.group, set()).add(it.label)
        mixed = {g for g, s in labels_by_group.items() if "ok" in s and len(s) > 1}
        self.by_class = {l: [i for i, it in enumerate(items) if it.label == l and it.has_mask] for l in LABELS[1:]}
        self.ok = [i for i, it in enumerate(items) if it.label == "ok"]
        self.clean_ok = [i for i in self.ok if items[i].group not in mixed]
        self.hard = []          # (img index, canvas x, canvas y) of mined hot cells on clean OK tiles

    def _origin(self, cx, cy, jitter):
        size, canvas = self.v.crop, self.v.canvas
        x0 = cx - size // 2 + int(self.rng.integers(-jitter, jitter + 1))
        y0 = cy - size // 2 + int(self.rng.integers(-jitter, jitter + 1))
        return (int(np.clip(x0 // STRIDE * STRIDE, 0, canvas - size)),
                int(np.clip(y0 // STRIDE * STRIDE, 0, canvas - size)))

    def _pick(self, idx):
        return idx[int(self.rng.integers(len(idx)))]

    def crop(self):
        rng, size = self.rng, self.v.crop
        if rng.random() < 0.5:
            i = self._pick(self.by_class[LABELS[1 + int(rng.integers(5))]])
            ys, xs = np.nonzero(self.cache[i]["cells"])
            k = int(rng.integers(len(xs)))
            x0, y0 = self._origin(int(xs[k]) * STRIDE + 4, int(ys[k]) * STRIDE + 4, size // 2 - 24)
        else:
            u = rng.random()
            if self.hard and u < 1 / 3:
                i, cx, cy = self.hard[int(rng.integers(len(self.hard)))]
                x0, y0 = self._origin(cx, cy, 24)
            else:
                i = self._pick(self.ok)
                ox, oy, nw, nh = self.cache[i]["rect"]
                if u < (1 / 3 + 1 / 6 if self.hard else 1 / 3):   # a tile corner
                    cx = ox if rng.random() < 0.5 else ox + nw - 1
                    cy = oy if rng.random() < 0.5 else oy + nh - 1
                    x0, y0 = self._origin(cx, cy, 40)
                else:                                              # anywhere on the tile
                    x0, y0 = self._origin(int(rng.integers(ox, ox + nw)), int(rng.integers(oy, oy + nh)), 0)
        return self._finish(i, x0, y0, size)

    def full(self, defect):
        """A whole canvas: a defect tile (class drawn uniformly) or a clean OK tile, half of
        the latter among the mined hard ones."""
        rng = self.rng
        if defect:
            i = self._pick(self.by_class[LABELS[1 + int(rng.integers(5))]])
        elif self.hard and rng.random() < 0.5:
            i = self.hard[int(rng.integers(len(self.hard)))][0]
        else:
            i = self._pick(self.clean_ok)
        return self._finish(i, 0, 0, self.v.canvas)

    def _finish(self, i, x0, y0, size):
        c = self.cache[i]
        x = augmented_crop(c, self.rng, x0, y0, size)
        tc = c["cells"][y0 // STRIDE:(y0 + size) // STRIDE, x0 // STRIDE:(x0 + size) // STRIDE]
        x, tc = geo_flip(x, tc, self.rng)
        return x, tc.astype(np.float32), float(tc.any()), LABELS.index(self.items[i].label) - 1


@torch.no_grad()
def mine(net, sampler, keep_frac=0.25, per_image=2):
    """Scores every clean OK training tile (whole canvas, eval mode, no augmentation) and keeps
    the hottest `keep_frac` of their top `per_image` cells as hard-negative crop centres."""
    net.eval()
    found = []
    idx = sampler.clean_ok
    for k in range(0, len(idx), 16):
        xs = []
        for i in idx[k:k + 16]:
            c = sampler.cache[i]
            ox, oy, nw, nh = c["rect"]
            v = c["canvas"][oy:oy + nh, ox:ox + nw]
            x = np.zeros_like(c["canvas"])
            x[oy:oy + nh, ox:ox + nw] = (v - v.mean()) / max(float(v.std()), STD_FLOOR)
            xs.append(x)
        m = net(torch.from_numpy(np.stack(xs))[:, None])[2][:, 0].numpy()
        for j, i in enumerate(idx[k:k + 16]):
            h = m[j].copy()
            for _ in range(per_image):
                r, cc = divmod(int(np.argmax(h)), h.shape[1])
                found.append((float(h[r, cc]), i, cc * STRIDE + 4, r * STRIDE + 4))
                h[max(0, r - 2):r + 3, max(0, cc - 2):cc + 3] = -np.inf   # next peak elsewhere
    net.train()
    found.sort(key=lambda f: -f[0])
    top = found[:max(32, int(len(found) * keep_frac))]
    sampler.hard = [(i, x, y) for _, i, x, y in top]
    return top[0][0], top[-1][0]


def batch_tensors(batch):
    x = torch.from_numpy(np.stack([b[0] for b in batch]))[:, None]
    tc = torch.from_numpy(np.stack([b[1] for b in batch]))[:, None]
    return x, tc, torch.tensor([b[2] for b in batch]), torch.tensor([b[3] for b in batch])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=DEFAULT_DATA)
    ap.add_argument("--out", required=True)
    ap.add_argument("--variant", default="default", choices=sorted(VARIANTS))
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--full-every", type=int, default=4, help="every n-th step is a whole-canvas batch (0: never)")
    ap.add_argument("--full-batch", type=int, default=4)
    ap.add_argument("--mine-every", type=int, default=1000, help="hard-negative mining period in steps (0: never)")
    ap.add_argument("--lr", type=float, default=3e-3)
    ap.add_argument("--seed", type=int, default=1234)
    ap.add_argument("--max-minutes", type=float, default=20.0)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    variant = VARIANTS[args.variant]
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    items = read_items(args.data)
    train_groups, val_groups = group_split(items, seed=args.seed)
    tr = [it for it in items if it.group in set(train_groups)]
    t0 = time.time()
    cache = build_cache(args.data, tr, variant.canvas)
    sampler = Sampler(tr, cache, variant, rng)
    print(f"{variant.model_id}: cached {len(tr)} train images ({len(sampler.clean_ok)} clean OK) "
          f"in {time.time() - t0:.1f}s", flush=True)

    net = TileNet(variant.width)
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
        if args.mine_every and step > 0 and step % args.mine_every == 0:
            hi, lo = mine(net, sampler)
            print(f"mined {len(sampler.hard)} hard OK cells (heat logit {lo:.2f}..{hi:.2f})", flush=True)
        warm = 0.05
        lr = args.lr * (progress / warm if progress < warm else
                        0.5 * (1 + math.cos(math.pi * (progress - warm) / (1 - warm))))
        for grp in opt.param_groups:
            grp["lr"] = lr
        if args.full_every and step % args.full_every == args.full_every - 1:
            batch = [sampler.full(defect=j % 2 == 0) for j in range(args.full_batch)]
        else:
            batch = [sampler.crop() for _ in range(args.batch)]
        x, tc, y, cls = batch_tensors(batch)
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
        if step % 200 == 0 or step == args.steps - 1:
            print(f"step {step} loss {loss.item():.3f} heat {l_heat.item():.3f} img {l_img.item():.3f} "
                  f"type {l_type.item():.3f} lr {lr:.5f} {time.time() - t0:.0f}s", flush=True)
    torch.save({"state_dict": net.state_dict(), "variant": args.variant, "seed": args.seed, "steps_done": done,
                "steps": args.steps, "threads": args.threads, "train_seconds": time.time() - t0,
                "val_groups": val_groups, "train_groups": train_groups}, args.out)
    print(json.dumps({"steps_done": done, "train_seconds": round(time.time() - t0, 1)}))


if __name__ == "__main__":
    main()
