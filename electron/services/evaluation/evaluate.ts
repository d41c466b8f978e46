import fs from 'node:fs/promises';
import path from 'node:path';
import { decodeGray } from '../imaging/decode.js';
import { predictFiles } from '../inference/folderPredictor.js';
import type { LoadedModel } from '../inference/modelRunner.js';
import { multiConfusion } from '../analytics/confusion.js';
import { readDatasetLayout } from './datasetLayout.js';
import { auroc, expectedCalibrationError, proportion, recallAtFalseRejectRate } from './metrics.js';

/** A peak this close (in source pixels) to a defect pixel counts as a correct highlight. */
export const HIGHLIGHT_RADIUS_PX = 15;
export const MAX_FALSE_REJECT = 0.05;

/** True when any mask pixel ≥ 128 lies within `radius` of the point. */
export function peakHitsMask(
  mask: { data: Uint8Array; width: number; height: number },
  peak: { x: number; y: number },
  radius = HIGHLIGHT_RADIUS_PX,
): boolean {
  const r2 = radius * radius;
  for (
    let y = Math.max(0, Math.floor(peak.y - radius));
    y <= Math.min(mask.height - 1, Math.ceil(peak.y + radius));
    y++
  ) {
    for (
      let x = Math.max(0, Math.floor(peak.x - radius));
      x <= Math.min(mask.width - 1, Math.ceil(peak.x + radius));
      x++
    ) {
      if (mask.data[y * mask.width + x]! >= 128 && (x - peak.x) ** 2 + (y - peak.y) ** 2 <= r2) return true;
    }
  }
  return false;
}

function maskHasDefect(mask: { data: Uint8Array }): boolean {
  return mask.data.some((v) => v >= 128);
}

/** Evaluates a model on a folder in the dataset's layout; `onProgress` gets (done, total). */
export async function evaluateFolder(
  model: LoadedModel,
  root: string,
  onProgress: (done: number, total: number) => void = () => {},
) {
  const images = readDatasetLayout(root);
  const labels = model.manifest.labels;
  const okLabel = model.manifest.okLabel;
  const scores: number[] = [];
  const positive: boolean[] = [];
  const truth: string[] = [];
  const predicted: string[] = [];
  const errors: Array<{ file: string; error: string }> = [];
  let typeHits = 0;
  let typeN = 0;
  let highlightHits = 0;
  let highlightN = 0;
  const masks: Array<Promise<void>> = [];

  await predictFiles(
    model,
    root,
    images.map((i) => i.file),
    {
      onResult(result, index) {
        onProgress(index + 1, images.length);
        const image = images[index]!;
        if ('error' in result) {
          errors.push({ file: result.file, error: result.error });
          return;
        }
        const p = result.prediction;
        const isDefect = image.trueClass !== okLabel;
        scores.push(p.defectProbability);
        positive.push(isDefect);
        truth.push(image.trueClass);
        predicted.push(p.predictedClass);
        if (!isDefect) return;
        // Type accuracy: the most likely defect class, given that the item is defective. The
        // prediction already carries it (first of equals in label order wins, as before).
        typeN++;
        if (p.topDefectClass === image.trueClass) typeHits++;
        if (!image.maskFile) return;
        masks.push(
          fs
            .readFile(path.join(root, image.maskFile))
            .then(decodeGray)
            .then((mask) => {
              if (!maskHasDefect(mask)) return;
              highlightN++;
              if (p.peak && peakHitsMask(mask, p.peak)) highlightHits++;
            }),
        );
      },
    },
  );
  await Promise.all(masks);

  const atFrr = recallAtFalseRejectRate(scores, positive, MAX_FALSE_REJECT);
  const calibration = expectedCalibrationError(scores, positive);
  return {
    model: { id: model.manifest.id, version: model.manifest.version, sha256: model.sha256 },
    folder: root,
    n: scores.length,
    n_defect: positive.filter(Boolean).length,
    n_ok: positive.filter((v) => !v).length,
    image_auroc: auroc(scores, positive),
    recall_at_max_false_reject: {
      max_false_reject: MAX_FALSE_REJECT,
      threshold: atFrr.threshold,
      recall: atFrr.recall,
      false_reject: atFrr.falseReject,
    },
    defect_type_accuracy: proportion(typeHits, typeN),
    highlight_hit_rate: { radius_px: HIGHLIGHT_RADIUS_PX, ...proportion(highlightHits, highlightN) },
    confusion_matrix: {
      labels,
      rows: 'true class',
      columns: 'predicted class',
      matrix: multiConfusion(labels, truth, predicted),
    },
    calibration: { expected_calibration_error: calibration.ece, bins: calibration.bins },
    errors,
  };
}
