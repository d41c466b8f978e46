import type { SuggestionDto } from '../../shared/contract.js';
import { decodeHeatmap } from '../../../db/repos/predictions.js';
import type { StoredPrediction } from '../../../db/repos/predictions.js';
import { SHADOW_DECISION_THRESHOLD } from '../../shared/schemas.js';

/** The champion's prediction as the station may show it, heatmap included. */
export function toSuggestion(p: StoredPrediction): SuggestionDto {
  const label = p.defect_probability >= SHADOW_DECISION_THRESHOLD ? 'defect' : 'ok';
  const meta = p.heatmap_meta
    ? (JSON.parse(p.heatmap_meta) as { width: number; height: number; box: SuggestionDto['regions'][number] })
    : null;
  return {
    label,
    defectClass: label === 'defect' ? p.top_defect_class : null,
    defectProbability: p.defect_probability,
    regions: JSON.parse(p.regions) as SuggestionDto['regions'],
    peak: p.peak ? (JSON.parse(p.peak) as { x: number; y: number }) : null,
    heatmap:
      meta && p.heatmap
        ? {
            width: meta.width,
            height: meta.height,
            data: decodeHeatmap(p.heatmap).toString('base64'),
            box: { x: meta.box.x, y: meta.box.y, width: meta.box.width, height: meta.box.height },
          }
        : null,
  };
}
