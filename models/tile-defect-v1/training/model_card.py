"""Writes MODEL_CARD.md from the manifest and the measured metrics, so the card can never
quote figures from a different run than the model it sits beside."""
from __future__ import annotations


def _p(d):
    lo, hi = d["wilson95"]
    return f"{d['value']:.3f} ({d['x']}/{d['n']}; 95 % Wilson {lo:.3f}-{hi:.3f})"


def write_card(path, manifest, m):
    c = m["calibration"]
    th = manifest["thresholds"]
    auc = m["imageAuroc"]
    per = "\n".join(
        f"| {k} | {_p(v['recallAtFrr5'])} | {_p(v['typeAccuracy'])} |" for k, v in m["perClass"].items())
    text = f"""# tile-defect-v1 (version {manifest['version']})

Default defect model of Loupe: a small fully-convolutional network (~146k parameters) for
greyscale photos of ferrite magnetic tiles. It outputs a calibrated image-level defect
probability, probabilities over `{', '.join(manifest['labels'])}` and a defect heatmap.

**Status: first, briefly trained version.** Good enough to integrate against and to
demonstrate the review flow; not good enough to auto-decide on its own. Keep the policy
at `human_only` / `ai_assist` until a version meets the targets (image AUROC >= 0.95,
recall >= 0.80 at <= 5 % false reject, highlight hit >= 0.90, type accuracy >= 0.80).

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
validation), seeded (seed {m['train']['seed']}); among 4,000 seeded random partitions of the 102
groups the one whose per-class validation share is closest to 25 % is kept.
Validation: {m['n']} images ({m['nOk']} OK, {m['nDefect']} defective) from {len(m['train']['valGroups'])} groups
({', '.join(m['train']['valGroups'])}). The 4 `MT_Uneven` images with empty masks count as
defective images but are left out of heatmap training and of the highlight metric.
A further hold-out set (268 images, 26 groups) is kept back by the project
and was never seen; treat the figures below as optimistic until it is scored.

## Training
Letterbox to {manifest['input']['width']}x{manifest['input']['height']} (bilinear, half-pixel centres), per-image
standardisation; 160 px crops, half of them centred on defect pixels (defect classes sampled
equally to counter the 71 % OK / 2 % fray imbalance), the rest random or on tile corners of
OK tiles; gamma, illumination-ramp and noise augmentation, flips, 90 degree turns. Losses:
heatmap BCE against mask cells (mask >= 128, stride {manifest['heatmap']['stride']}), image BCE on the top-4
heatmap logit mean, cross-entropy on the defect type read from heatmap-attention-pooled
features. {m['train']['steps']} steps of 32 crops, {m['train']['seconds']:.0f} s on 1 CPU thread; the final
weights are used (no checkpoint picked on validation).

## Validation metrics (calibrated outputs, validation groups)
| metric | value |
|---|---|
| image AUROC | {auc['value']:.3f} (group bootstrap 95 % {auc['groupBootstrap95'][0]:.3f}-{auc['groupBootstrap95'][1]:.3f}) |
| recall at <= 5 % false reject (threshold {m['thresholdAtFrr5']:.4f}) | {_p(m['recallAtFrr5'])} |
| false-reject rate at that threshold | {_p(m['falseRejectAtThreshold'])} |
| highlight hit (heatmap peak cell contains a defect-mask pixel) | {_p(m['highlightHit'])} |
| highlight hit as `loupe eval` counts it (mask pixel within 15 px of the peak) | {_p(m['highlightHitRadius15px'])} |
| defect-type accuracy (defective images, argmax over the 5 types) | {_p(m['defectTypeAccuracy'])} |

| class | recall at 5 % FRR threshold | type accuracy |
|---|---|---|
{per}

## Calibration
Fitted on the validation groups and applied inside the ONNX graph: defect probability =
sigmoid(a*s + b) with a = {c['a']:.4f}, b = {c['b']:.4f}; defect-type logits divided by T = {c['T']:.4f}.
P(ok) = 1 - defect probability exactly. Expected calibration error (10 bins):
before {c['eceBefore']:.3f}, after {c['eceAfterInSample']:.3f} in-sample, {c['eceAfterCrossFitted']:.3f} cross-fitted (fitted on
half the validation groups, scored on the other half).
Default bands: t_ok = {th['t_ok']} (at most ~5 % of validation defects below it), t_defect =
{th['t_defect']} (at most ~2 % of validation OK tiles above it); heatmap region threshold {th['heatmapRegion']}.

## Limits
- Few distinct defective tiles (about 60); validation has 6 fray images: per-class figures are
  very uncertain (see the intervals).
- Confident false alarms tend to sit on tile corners and chamfered edges.
- Tiny blowholes lose detail at {manifest['input']['width']} px on wide tiles.
- Trained on one camera set-up; expect drift on new lighting or parts. Monitor it.

## Reproduce
See `training/README.md`.
"""
    with open(path, "w") as f:
        f.write(text)
