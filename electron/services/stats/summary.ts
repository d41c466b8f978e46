import type { StatusSummaryDto } from '../../shared/contract.js';
import type { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { ItemsRepo } from '../../../db/repos/items.js';

/** The model's call is "defect" at or above this calibrated probability (equal error costs). */
export const SHADOW_DECISION_THRESHOLD = 0.5;

export function startOfLocalDay(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** The station's status bar: workload and how far the inspectors agree with the shadow model. */
export function statusSummary(items: ItemsRepo, decisions: DecisionsRepo, now = new Date()): StatusSummaryDto {
  const counts = items.counts();
  const { n, agree } = decisions.shadowAgreement(SHADOW_DECISION_THRESHOLD);
  return {
    pending: counts.predicted,
    awaitingModel: counts.pending,
    decidedToday: decisions.decidedSince(startOfLocalDay(now).toISOString()),
    quarantined: counts.quarantined,
    shadowAgreement: { n, agree, rate: n > 0 ? agree / n : null },
  };
}
