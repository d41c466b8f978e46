import type { Band, PolicySettings } from '../../shared/contract.js';
import { bandCall, bandFor } from '../../shared/policy.js';

// Re-exported for the router's callers and tests.
export { bandFor };
import { samplingDraw } from './sampling.js';

export type RoutingPolicy = PolicySettings & { samplingSeed: string };

export type RoutingInput = {
  itemSha256: string;
  defectProbability: number;
  /** The model's most likely defect class: selects a per-class band when one is set. */
  topDefectClass: string | null;
};

export type RouteDecision =
  | { route: 'auto'; label: 'ok' | 'defect'; defectClass: string | null; audit: boolean; band: Band }
  | { route: 'human'; blindFirstRead: boolean; doubleReview: boolean; band: Band };

/**
 * Routes one scored item (DOMAIN.md): `p < t_ok` auto OK, `p ≥ t_defect` auto Defect, humans
 * in between — at the `partial` level. `full` has no human band: every item is decided at
 * t_defect. human_only and ai_assist send everything to a human. Audit, blind-first-read and
 * double-review picks are seeded draws per item.
 */
export function routeItem(policy: RoutingPolicy, item: RoutingInput): RouteDecision {
  const band = bandFor(policy, item.topDefectClass);
  const p = item.defectProbability;
  const draw = (purpose: Parameters<typeof samplingDraw>[1]): number =>
    samplingDraw(policy.samplingSeed, purpose, item.itemSha256);
  const auto = (label: 'ok' | 'defect'): RouteDecision => ({
    route: 'auto',
    label,
    defectClass: label === 'defect' ? item.topDefectClass : null,
    audit: draw('audit') < policy.auditRate,
    band,
  });
  if (policy.level === 'full') return auto(p >= band.t_defect ? 'defect' : 'ok');
  if (policy.level === 'partial') {
    const call = bandCall(p, band);
    if (call !== 'human') return auto(call);
  }
  return {
    route: 'human',
    // human_only is blind throughout; a blind first read only means something when a suggestion follows.
    blindFirstRead: policy.level !== 'human_only' && draw('blind_first_read') < policy.blindFirstReadShare,
    doubleReview: draw('double_review') < policy.doubleReviewShare,
    band,
  };
}
