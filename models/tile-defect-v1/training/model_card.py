"""Writes MODEL_CARD.md from the manifest and the measured metrics, so the card can never
quote figures from a different run than the model it sits beside. One template per variant
(default: tile-defect-v1; lite: tile-defect-lite); the prose that is not a measured figure
(what was tried, why a target is out of reach) lives in NOTES below."""
from __future__ import annotations

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TARGETS = [  # (label, metrics key, target) for the default model
    ("image AUROC", "imageAuroc", 0.95),
    ("recall at <= 5 % false reject", "recallAtFrr5", 0.80),
    ("highlight hit", "highlightHit", 0.90),
    ("defect-type accuracy", "defectTypeAccuracy", 0.80),
]

# Reasoned, not measured: why targets the run does not reach are out of reach here. Kept
# next to the template so a rerun that changes the figures makes the reviewer read it again.
NOTES = {
    "default": """\
What changed for 1.1.0. Each change has a reason stated before the run; no seed or setting
was picked by its validation score. Validation informed two decisions only: dropping the
linear-probe type head below (one paired run on the lite variant), and shipping 1.1.0 at all
(rule fixed beforehand: replace 1.0.0's weights only if validation AUROC is not lower).
- **Longer training on both cores**: 1.0.0 had 4,200 steps on one thread (14 min); the
  budget allows ~3.5x the steps (2 threads, 40 min).
- **Online hard-negative mining**: every 1,000 steps the net scores the clean OK training
  tiles and a third of the OK crops are centred on their hottest cells (tile corners,
  chamfered edges, grinding marks), instead of only fixed tile corners.
- **Whole-canvas steps**: every 4th step trains on whole letterboxed canvases so the top-k
  image score and the heat-attention type head see the inference geometry (2,304 cells with
  corners and padding) and not only 160 px crops (400 cells).
- **Label noise kept out of the emphasis**: 204 of the 574 OK training images are captures of
  tiles that other captures label defective; they stay ordinary negatives but are never mined
  or used as whole-canvas negatives, so the emphasis does not teach the net to ignore defects
  that are merely invisible under one lighting.
- Tried and dropped: a linear-probe type head (type loss kept out of the body, against the
  type head memorising tiles: both 1.0.0 and the lite run name 100 % of *training* defect
  types correctly but ~60 % on validation). On the lite variant it generalised worse
  (validation type accuracy 0.55 vs 0.61; it fits only 62 % of the training defects), so the
  joint head stays.
- Tried on the 1.1.0 weights, not adopted: flip test-time augmentation (score, type logits
  and the un-flipped heatmap averaged over mirrored copies of the input). On validation it
  moved the figures both ways: with the horizontal mirror AUROC 0.930, recall 0.750,
  highlight hit 0.819, type accuracy 0.655; with all four mirrors 0.954, 0.810, 0.819, 0.679
  (no augmentation: 0.945, 0.738, 0.831, 0.643). Changes of that size and sign are within the
  validation noise described below, and it costs 2-4x the inference time per image
  (`training/flip_tta.py` re-measures it on a checkpoint).
- Calibration re-checked on the 1.1.0 weights (`training/calibration_check.py`): over 100
  random halvings of the validation groups, each half calibrated on the other, the mean
  cross-fitted ECE is 0.072 for the Platt fit as shipped, 0.066 for temperature scaling alone
  and 0.065 with no calibration (log loss 0.410, 0.332, 0.306). The single split quoted under
  Calibration (0.105) is an unlucky one, but no fit beats the raw output on held-out groups:
  the network's probability is already about as calibrated as 270 images can show. The
  shipped Platt fit is kept (a change of calibration is a new model version).
- Kept unchanged: the group-aware split, class-balanced defect crops (each defect type drawn
  equally, so fray's ~20 training images are seen as often as blowhole's 67), the losses,
  the fixed schedule with the final weights (no checkpoint chosen on validation).

Why the targets it misses are out of reach here:
- **Errors come by tile, not by image**: highlight hit and type accuracy did not move from
  1.0.0 (69/83 and 54/84 in this run too). In this run the 14 highlight misses come from 3
  validation tiles (G065 break/crack: the chip sits on the dark top edge; G037 and G098
  uneven: a diffuse area with no single peak), and 26 of the 30 type errors from 5 tiles
  (G072 and G084 blowholes read as break, G059 fray read as break, G065, G098). With 26
  validation groups the effective sample is ~26, not 270.
- **Validation noise is as large as the gaps**: two lite runs that differed in the type path
  (and, through the wall-time cap, in steps: 10,000 vs 6,901) scored AUROC 0.895 vs 0.859 and
  recall 0.51 vs 0.67 on the same validation set; the 95 % intervals above span 10-20 points.
  Chasing the targets by trying variants against these 26 groups would fit noise, and the
  hidden hold-out set would not follow.
- **Few distinct tiles**: the defective images here come from 45 capture groups (32 in
  training, 13 in validation); one validation tile (6 captures) moves recall or type
  accuracy by ~7 points. Fray
  has 3 training groups and 1 validation group: fray type accuracy (0/6) is a statement about
  one tile, and both 1.0.0 and 1.1.0 name it break (both are edge defects).
- **Label noise across captures**: a third of the OK images are captures of tiles labelled
  defective under other lighting. The most confident validation "false alarms" include such
  captures (group G065: OK captures of a broken/cracked tile), and every OK image above the
  5 % false-reject threshold costs recall directly. No model can separate a visible defect
  labelled OK from one labelled defective.
- **Resolution**: blowholes are a median 0.14 % of the image; at 384 px a wide tile is
  downscaled ~1.6x and a blowhole covers 1-2 heatmap cells.
- **CPU budget**: 2 cores, <= 60 minutes end to end; larger networks, higher resolution or
  ensembles that could use more context do not fit.""",
    "lite": """\
How it differs from tile-defect-v1: the same recipe (`train.py --variant lite`: crops, hard-
negative mining, whole-canvas steps, class-balanced defect crops, losses, calibration, group
split) with a 256 px canvas instead of 384 (0.44x the pixels), channel widths 12/24/36 instead
of 16/32/64 (about a third of the parameters), 112 px training crops (the same share of a
tile) and a ~12 minute schedule. Same I/O contract and manifest format: the station loads it
with no code change.

Intended use: a **shadow challenger** (scored beside the champion, never deciding) to learn
how much the default model's extra resolution buys on live traffic, and a **fallback** for
slow machines. Not a replacement for the default model: at 256 px tiny blowholes shrink to
under one heatmap cell, and its heatmap is coarser (32x32 cells).

Speed (onnxruntime-node 1.30, 1 intra-op thread, batch 1, median of 200 runs on the 2-core
build machine, 2026-11-27): 1.6 ms per image vs 4.7 ms for tile-defect-v1 1.1.0, about 3x
faster, before decoding and pre-processing (which then dominate).""",
}


def _p(d):
    lo, hi = d["wilson95"]
    return f"{d['value']:.3f} ({d['x']}/{d['n']}; 95 % Wilson {lo:.3f}-{hi:.3f})"


def _auc(a):
    return f"{a['value']:.3f} (group bootstrap 95 % {a['groupBootstrap95'][0]:.3f}-{a['groupBootstrap95'][1]:.3f})"


def _value_only(m, key):
    d = m[key]
    return d["value"], (d["groupBootstrap95"] if "groupBootstrap95" in d else d["wilson95"])


def _targets_table(m):
    rows = []
    for label, key, target in TARGETS:
        v, (lo, hi) = _value_only(m, key)
        rows.append(f"| {label} | {v:.3f} ({lo:.3f}-{hi:.3f}) | >= {target:.2f} | {'met' if v >= target else 'not met'} |")
    return "| metric | validation (95 % interval) | target | |\n|---|---|---|---|\n" + "\n".join(rows)


def _comparison(m):
    """Lite card: the default model's figures beside the lite ones, when they are on disk."""
    path = os.path.join(HERE, "metrics.json")
    if not os.path.exists(path):
        return ""
    d = json.load(open(path))
    rows = [f"| {label} | {_value_only(m, key)[0]:.3f} | {_value_only(d, key)[0]:.3f} |" for label, key, _ in TARGETS]
    rows.append(f"| ECE after calibration (cross-fitted) | {m['calibration']['eceAfterCrossFitted']:.3f} | "
                f"{d['calibration']['eceAfterCrossFitted']:.3f} |")
    rows.append(f"| parameters | {m['model']['parameters']:,} | {d.get('model', {}).get('parameters', 146391):,} |")
    if "model" in d:
        rows.append(f"| torch CPU ms / image (1 thread) | {m['model']['torchMsPerImage1Thread']} | "
                    f"{d['model']['torchMsPerImage1Thread']} |")
    return ("\n## Compared with the default model (same validation groups)\n"
            "| | tile-defect-lite | tile-defect-v1 |\n|---|---|---|\n" + "\n".join(rows) + "\n")


# The committed 1.0.0 figures (same validation groups, training/metrics.json at commit e85a322).
PREVIOUS = {"version": "1.0.0", "imageAuroc": (0.922, 0.829, 0.983), "recallAtFrr5": (0.524, 0.418, 0.627),
            "highlightHit": (0.831, 0.737, 0.897), "defectTypeAccuracy": (0.643, 0.536, 0.737),
            "eceBefore": 0.134, "eceAfterInSample": 0.083, "eceAfterCrossFitted": 0.059}


def _versus_previous(m):
    rows = []
    for label, key, _ in TARGETS:
        v, (lo, hi) = _value_only(m, key)
        pv, plo, phi = PREVIOUS[key]
        rows.append(f"| {label} | {pv:.3f} ({plo:.3f}-{phi:.3f}) | {v:.3f} ({lo:.3f}-{hi:.3f}) |")
    c = m["calibration"]
    rows.append("| ECE before / after (in-sample) / after (cross-fitted) | "
                f"{PREVIOUS['eceBefore']:.3f} / {PREVIOUS['eceAfterInSample']:.3f} / {PREVIOUS['eceAfterCrossFitted']:.3f} | "
                f"{c['eceBefore']:.3f} / {c['eceAfterInSample']:.3f} / {c['eceAfterCrossFitted']:.3f} |")
    return (f"\nCompared with {PREVIOUS['version']} on the same validation groups (95 % intervals):\n\n"
            "| metric | 1.0.0 | this version |\n|---|---|---|\n" + "\n".join(rows) + "\n")


def _calibration_caveat(c):
    if c["eceAfterCrossFitted"] <= c["eceBefore"]:
        return ""
    return ("\nThe cross-fitted figure is above the uncalibrated one: the raw outputs were already close to\n"
            "calibrated, and a Platt fit on 13 groups is itself noisy, so calibration is not shown to help\n"
            "here. Read the probabilities as approximate (about +-0.1) and set bands from review data.")


def write_card(path, manifest, m):
    c = m["calibration"]
    th = manifest["thresholds"]
    tr = m["train"]
    lite = tr.get("variant") == "lite"
    size = manifest["input"]["width"]
    met = [key for _, key, t in TARGETS if _value_only(m, key)[0] >= t]
    per = "\n".join(
        f"| {k} | {_p(v['recallAtFrr5'])} | {_p(v['typeAccuracy'])} |" for k, v in m["perClass"].items())
    if lite:
        role = ("Smaller, faster sibling of `tile-defect-v1`, shipped as a **candidate** (shadow\n"
                "challenger / fallback), not as the default.")
        status = (f"**Status: candidate; meets {len(met)} of the 4 default-model targets on validation.** "
                  "Do not make it the champion; compare it in shadow mode first.")
    else:
        role = "Default defect model of Loupe."
        status = (f"**Status: meets {len(met)} of the 4 targets on validation.** "
                  + ("" if len(met) == 4 else "Keep the policy at `human_only` / `ai_assist` until a "
                     "version meets all of them on the hold-out set."))
    text = f"""# {manifest['id']} (version {manifest['version']})

{role} A small fully-convolutional network ({m['model']['parameters']:,} parameters, {size}x{size}
input) for greyscale photos of ferrite magnetic tiles. It outputs a calibrated image-level
defect probability, probabilities over `{', '.join(manifest['labels'])}` and a
{manifest['heatmap']['width']}x{manifest['heatmap']['height']} defect heatmap.

{status}

## Intended use
Highlighting and ranking suspected surface defects for a human inspector at the review
station, on images like the training data (single tile crops, fixed camera, greyscale).
Not for other parts, other cameras, colour images, or unattended accept/reject.

## Data
Magnetic Tile Surface Defect dataset (train + validation part, 1,076 images, pixel masks).
{manifest['dataset']['citation']}
Terms of the source: "It is welcomed to use our dataset. And if it is used in your research,
please cite our paper." No licence file; ask the authors before commercial use.

Split: group-aware (groups.csv: repeated captures of one tile never straddle train and
validation), seeded (seed {tr['seed']}); among 4,000 seeded random partitions of the 102
groups the one whose per-class validation share is closest to 25 % is kept.
Validation: {m['n']} images ({m['nOk']} OK, {m['nDefect']} defective) from {len(tr['valGroups'])} groups
({', '.join(tr['valGroups'])}). The 4 `MT_Uneven` images with empty masks count as
defective images but are left out of heatmap training and of the highlight metric.
A further hold-out set (268 images, 26 groups) is kept back by the project
and was never seen; treat the figures below as optimistic until it is scored.

## Training
Letterbox to {size}x{size} (bilinear, half-pixel centres), per-image standardisation.
Crops of {'112' if lite else '160'} px: half centred on defect pixels (defect classes sampled equally
to counter the 71 % OK / 2 % fray imbalance), half on OK tiles (random points, tile corners,
and cells the net itself scores hottest on clean OK training tiles, re-mined every 1,000
steps); every 4th step a batch of 4 whole canvases. Gamma, illumination-ramp and noise
augmentation, flips, 90 degree turns. Losses: heatmap BCE against mask cells (mask >= 128,
stride {manifest['heatmap']['stride']}), image BCE on the top-4 heatmap logit mean, cross-entropy on the
defect type read from heatmap-attention-pooled features. {tr['steps']} steps ({tr['stepsPlanned']} planned) in
{tr['seconds']:.0f} s on {tr['threads']} CPU thread(s); the final weights are used (no checkpoint
picked on validation).

## Validation metrics (calibrated outputs, validation groups)
{_targets_table(m)}

| metric | value |
|---|---|
| image AUROC | {_auc(m['imageAuroc'])} |
| recall at <= 5 % false reject (threshold {m['thresholdAtFrr5']:.4f}) | {_p(m['recallAtFrr5'])} |
| false-reject rate at that threshold | {_p(m['falseRejectAtThreshold'])} |
| highlight hit (heatmap peak cell contains a defect-mask pixel) | {_p(m['highlightHit'])} |
| highlight hit as `loupe eval` counts it (mask pixel within 15 px of the peak) | {_p(m['highlightHitRadius15px'])} |
| defect-type accuracy (defective images, argmax over the 5 types) | {_p(m['defectTypeAccuracy'])} |

| class | recall at 5 % FRR threshold | type accuracy |
|---|---|---|
{per}
{_comparison(m) if lite else _versus_previous(m)}
## Calibration
Fitted on the validation groups and applied inside the ONNX graph: defect probability =
sigmoid(a*s + b) with a = {c['a']:.4f}, b = {c['b']:.4f}; defect-type logits divided by T = {c['T']:.4f}.
P(ok) = 1 - defect probability exactly. Expected calibration error (10 bins; in brackets the
group bootstrap 95 % range, which sits high because ECE is biased upward on small resamples):
before {c['eceBefore']:.3f} ({c['eceBeforeGroupBootstrap95'][0]:.3f}-{c['eceBeforeGroupBootstrap95'][1]:.3f}),
after {c['eceAfterInSample']:.3f} ({c['eceAfterInSampleGroupBootstrap95'][0]:.3f}-{c['eceAfterInSampleGroupBootstrap95'][1]:.3f}) in-sample,
{c['eceAfterCrossFitted']:.3f} cross-fitted (fitted on half the validation groups, scored on the other half).{_calibration_caveat(c)}
Default bands: t_ok = {th['t_ok']} (at most ~5 % of validation defects below it), t_defect =
{th['t_defect']} (at most ~2 % of validation OK tiles above it); heatmap region threshold {th['heatmapRegion']}.

## {'About this variant' if lite else 'Changes in this version, and the targets not met'}
{NOTES['lite' if lite else 'default']}

## Limits
- Few distinct defective tiles (45 defect groups here); validation has 6 fray images: per-class figures are
  very uncertain (see the intervals).
- Confident false alarms tend to sit on tile corners, chamfered edges and on OK-labelled
  captures of tiles that other captures label defective.
- Tiny blowholes lose detail at {size} px on wide tiles.
- Trained on one camera set-up; expect drift on new lighting or parts. Monitor it.

## Reproduce
`/usr/bin/python3 models/tile-defect-v1/training/reproduce.py{' --variant lite' if lite else ''}` from the repo root;
see `models/tile-defect-v1/training/README.md`.
"""
    with open(path, "w") as f:
        f.write(text)
