import type { StatusSummaryDto } from '../../shared/contract.js';
import { SHADOW_DECISION_THRESHOLD } from '../../shared/schemas.js';
import { countBandFromBins } from '../../shared/whatif.js';
import type { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { ItemsRepo } from '../../../db/repos/items.js';
import type { WhatIfService } from '../whatif/whatIfService.js';

export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/**
 * The station's status bar: workload, and how far the unbiased human labels agree with the
 * model's call. Agreement comes from the what-if bins (kept current by triggers), so it costs
 * the same with a million decisions as with ten: the model agrees where it would auto-pass a
 * human OK or auto-fail a human defect at a band collapsed to the decision threshold.
 */
export function statusSummary(
  items: ItemsRepo,
  decisions: DecisionsRepo,
  whatIf: WhatIfService,
  now = new Date(),
): StatusSummaryDto {
  const d = whatIf.distribution(null);
  const c = countBandFromBins(d.defectCounts, d.okCounts, {
    t_ok: SHADOW_DECISION_THRESHOLD,
    t_defect: SHADOW_DECISION_THRESHOLD,
  });
  const agree = c.autoPass - c.escapes + (c.autoFail - c.falseRejects);
  return {
    pending: items.count('predicted'),
    awaitingModel: items.count('pending'),
    decidedToday: decisions.decidedSince(startOfLocalDay(now).toISOString()),
    quarantined: items.count('quarantined'),
    shadowAgreement: { n: c.n, agree, rate: c.n > 0 ? agree / c.n : null },
  };
}
