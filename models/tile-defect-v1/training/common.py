"""Shared pieces of the tile-defect recipe: model variants, data loading, the group-aware
split, the exact pre-processing that the TypeScript runtime re-implements, and the network.

Pre-processing is written with plain numpy (float64) on purpose: the Node app
(electron/services/inference/preprocess.ts) performs the same arithmetic in the same
order, and the parity test holds both to <= 1e-4. Do not swap in PIL/cv2 resizing.
"""
from __future__ import annotations

import csv
import math
import os
from dataclasses import dataclass

import numpy as np
from PIL import Image

LABELS = ["ok", "blowhole", "break", "crack", "fray", "uneven"]
CLASS_DIR_TO_LABEL = {
    "MT_Free": "ok", "MT_Blowhole": "blowhole", "MT_Break": "break",
    "MT_Crack": "crack", "MT_Fray": "fray", "MT_Uneven": "uneven",
}
CANVAS = 384          # square letterbox canvas (model input height = width)
STRIDE = 8            # heatmap cell = 8x8 input pixels
STD_FLOOR = 1.0       # keeps flat images from exploding after standardisation
PAD_VALUE = 0.0       # written after standardisation, i.e. "the image mean"
# Labelled Uneven but their masks are empty (DATASET.md): image label only.
EMPTY_MASK_DEFECTS = {"exp3_num_45042", "exp4_num_124690", "exp4_num_352527", "exp4_num_45057"}


@dataclass(frozen=True)
class Variant:
    """One shipped model built by this recipe. Same I/O contract and manifest format; they
    differ in canvas (input) size, channel widths and training crop size."""
    model_id: str
    version: str
    canvas: int                 # square letterbox canvas = model input height = width
    width: tuple                # TileNet channel widths (stride 2, 4, 8 stages)
    crop: int                   # training crop side (multiple of STRIDE)
    model_dir: str              # folder under models/


VARIANTS = {
    # Default model: 384 px canvas, ~146k parameters.
    "default": Variant("tile-defect-v1", "1.1.0", 384, (16, 32, 64), 160, "tile-defect-v1"),
    # Shadow challenger / fallback: 256 px canvas (0.44x the pixels) and ~36 % of the
    # parameters; crop scaled with the canvas so a crop covers the same share of a tile.
    "lite": Variant("tile-defect-lite", "1.0.0", 256, (12, 24, 36), 112, "tile-defect-lite"),
}

DEFAULT_DATA = os.path.normpath(os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "shared", "datasets",
    "magnetic-tile-defect"))


def round_half_up(x: float) -> int:
    # JS Math.round and Python round() disagree on .5; floor(x + 0.5) is the same in both.
    return int(math.floor(x + 0.5))


def letterbox_geometry(w: int, h: int, canvas: int = CANVAS, canvas_h: int | None = None):
    cw, ch = canvas, canvas if canvas_h is None else canvas_h
    scale = min(cw / w, ch / h)
    nw = min(cw, max(1, round_half_up(w * scale)))
    nh = min(ch, max(1, round_half_up(h * scale)))
    ox = (cw - nw) // 2
    oy = (ch - nh) // 2
    return scale, nw, nh, ox, oy


def _axis_taps(n_out: int, n_in: int):
    # Bilinear with half-pixel centres (PyTorch align_corners=False, no antialias),
    # source coordinate clamped to [0, n_in - 1].
    ratio = n_in / n_out
    s = (np.arange(n_out, dtype=np.float64) + 0.5) * ratio - 0.5
    s = np.clip(s, 0.0, n_in - 1)
    i0 = np.floor(s).astype(np.int64)
    i1 = np.minimum(i0 + 1, n_in - 1)
    f = s - i0
    return i0, i1, f


def resize_bilinear(img: np.ndarray, nw: int, nh: int) -> np.ndarray:
    src = img.astype(np.float64)
    h, w = src.shape
    y0, y1, fy = _axis_taps(nh, h)
    x0, x1, fx = _axis_taps(nw, w)
    fx = fx[None, :]
    top = (1.0 - fx) * src[y0][:, x0] + fx * src[y0][:, x1]
    bot = (1.0 - fx) * src[y1][:, x0] + fx * src[y1][:, x1]
    fy = fy[:, None]
    return (1.0 - fy) * top + fy * bot


def standardize_into_canvas(content: np.ndarray, ox: int, oy: int, canvas: int = CANVAS) -> np.ndarray:
    """content: resized float64 pixels (0..255 scale). Returns float32 [canvas, canvas]."""
    mean = content.mean()
    std = math.sqrt(((content - mean) ** 2).mean())
    out = np.full((canvas, canvas), PAD_VALUE, dtype=np.float64)
    nh, nw = content.shape
    out[oy:oy + nh, ox:ox + nw] = (content - mean) / max(std, STD_FLOOR)
    return out.astype(np.float32)


def preprocess(img_u8: np.ndarray, canvas: int = CANVAS):
    """8-bit greyscale [H, W] -> (float32 [1, 1, canvas, canvas], geometry dict)."""
    h, w = img_u8.shape
    scale, nw, nh, ox, oy = letterbox_geometry(w, h, canvas)
    content = resize_bilinear(img_u8, nw, nh)
    x = standardize_into_canvas(content, ox, oy, canvas)
    geom = dict(scale=scale, offsetX=ox, offsetY=oy, sourceWidth=w, sourceHeight=h, nw=nw, nh=nh)
    return x[None, None], geom


def mask_to_cells(mask_bin: np.ndarray, geom: dict, canvas: int = CANVAS, stride: int = STRIDE) -> np.ndarray:
    """Binary source mask -> [canvas/stride]^2 cell targets: a cell is positive when any
    defect pixel centre lands in it (so 2-pixel blowholes survive the downscale)."""
    g = canvas // stride
    cells = np.zeros((g, g), dtype=np.uint8)
    ys, xs = np.nonzero(mask_bin)
    if len(xs) == 0:
        return cells
    sx = geom["nw"] / geom["sourceWidth"]
    sy = geom["nh"] / geom["sourceHeight"]
    cx = np.floor(((xs + 0.5) * sx + geom["offsetX"]) / stride).astype(int).clip(0, g - 1)
    cy = np.floor(((ys + 0.5) * sy + geom["offsetY"]) / stride).astype(int).clip(0, g - 1)
    cells[cy, cx] = 1
    return cells


@dataclass
class Item:
    name: str          # file stem
    image: str         # path relative to the dataset root
    group: str
    label: str         # one of LABELS
    has_mask: bool


def read_items(data_dir: str) -> list[Item]:
    items = []
    with open(os.path.join(data_dir, "groups.csv"), newline="") as f:
        for row in csv.DictReader(f):
            stem = os.path.splitext(os.path.basename(row["image"]))[0]
            label = CLASS_DIR_TO_LABEL[row["class_dir"]]
            items.append(Item(stem, row["image"], row["group"], label,
                              label != "ok" and stem not in EMPTY_MASK_DEFECTS))
    return items


def group_split(items: list[Item], seed: int = 1234, val_frac: float = 0.25, tries: int = 4000):
    """Seeded group-aware split. Whole groups go to one side (captures of one tile look
    alike, so a per-image split would leak). Among `tries` seeded random partitions we keep
    the one whose per-class validation share is closest to val_frac, so rare classes
    (fray: 4 groups) still appear in validation."""
    groups = sorted({it.group for it in items})
    counts = {g: {l: 0 for l in LABELS} for g in groups}
    for it in items:
        counts[it.group][it.label] += 1
    totals = {l: sum(counts[g][l] for g in groups) for l in LABELS}
    rng = np.random.default_rng(seed)
    best, best_cost = None, float("inf")
    for _ in range(tries):
        order = rng.permutation(len(groups))
        n_val = round_half_up(len(groups) * val_frac)
        val = {groups[i] for i in order[:n_val]}
        cost = 0.0
        for l in LABELS:
            share = sum(counts[g][l] for g in val) / totals[l]
            cost += (share - val_frac) ** 2
        if cost < best_cost:
            best, best_cost = val, cost
    return sorted(set(groups) - best), sorted(best)


def load_gray(path: str) -> np.ndarray:
    # Baseline greyscale JPEG -> libjpeg-turbo; sharp decodes the same bytes identically
    # (the parity fixtures record a pixel checksum to prove it).
    return np.asarray(Image.open(path).convert("L"), dtype=np.uint8)


def load_mask(path: str) -> np.ndarray:
    return np.asarray(Image.open(path).convert("L"), dtype=np.uint8) >= 128


# ---------------------------------------------------------------- network (torch)
import torch  # noqa: E402  (kept below so pre-processing helpers import without torch)
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

TOPK = 4  # image score = mean of the k strongest heatmap logits (robust to one noisy cell)


def _cbr(cin, cout, stride=1, dil=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, padding=dil, dilation=dil, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class TileNet(nn.Module):
    """Small fully-convolutional net. The heatmap is the primary output; the image-level
    defect score is pooled from it (top-k), and the defect type is read from features
    pooled with the heatmap as attention, so the class head looks where the defect is
    rather than at tile identity (whole-image heads memorised tiles in an early test)."""

    def __init__(self, width=(16, 32, 64)):
        super().__init__()
        a, b, c = width
        self.body = nn.Sequential(
            _cbr(1, a, 2), _cbr(a, a),
            _cbr(a, b, 2), _cbr(b, b),
            _cbr(b, c, 2), _cbr(c, c), _cbr(c, c, dil=2), _cbr(c, c, dil=4),
        )
        self.heat = nn.Conv2d(c, 1, 1)
        self.bias = nn.Parameter(torch.zeros(1))
        self.type_head = nn.Linear(c, 5)

    def forward(self, x):
        f = self.body(x)
        m = self.heat(f)                                   # [N,1,h,w] heat logits
        flat = m.flatten(1)
        s = torch.topk(flat, TOPK, dim=1).values.mean(1) + self.bias   # [N] defect logit
        w = torch.softmax(flat, dim=1).unsqueeze(2)        # [N,hw,1]
        g = torch.bmm(f.flatten(2), w).squeeze(2)          # [N,c]
        t = self.type_head(g)                              # [N,5] type logits
        return s, t, m


class Calibrated(nn.Module):
    """Export wrapper: puts calibration inside the graph so runtime outputs are final.
    defect logit d = a*s + b (Platt); type logits / T (temperature). Class probabilities
    are softmax([0, d + log_softmax(t/T)]), which makes P(ok) = 1 - defectProbability exactly
    and P(class k | defect) = softmax(t/T)_k."""

    def __init__(self, net: TileNet, a=1.0, b=0.0, T=1.0):
        super().__init__()
        self.net = net
        self.register_buffer("a", torch.tensor(float(a)))
        self.register_buffer("b", torch.tensor(float(b)))
        self.register_buffer("T", torch.tensor(float(T)))

    def forward(self, x):
        s, t, m = self.net(x)
        d = self.a * s + self.b
        p_def = torch.sigmoid(d)
        logits = torch.cat([torch.zeros_like(d).unsqueeze(1),
                            d.unsqueeze(1) + F.log_softmax(t / self.T, dim=1)], dim=1)
        return p_def, torch.softmax(logits, dim=1), torch.sigmoid(m)


def load_checkpoint(path: str):
    """-> (TileNet with the checkpoint's weights, in eval mode; Variant; checkpoint dict).
    Checkpoints from before the variants existed are the default variant."""
    ck = torch.load(path)
    variant = VARIANTS[ck.get("variant", "default")]
    net = TileNet(variant.width)
    net.load_state_dict(ck["state_dict"])
    return net.eval(), variant, ck
