import type { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { ItemsRepo } from '../../../db/repos/items.js';
import type { PredictionsRepo } from '../../../db/repos/predictions.js';
import type { RoutesRepo } from '../../../db/repos/routes.js';
import type { PolicyService } from '../policy/policyService.js';
import { routeItem } from './route.js';

export type RouterDeps = {
  items: ItemsRepo;
  predictions: PredictionsRepo;
  routes: RoutesRepo;
  decisions: DecisionsRepo;
  policy: PolicyService;
  /** Recorded as the `inspector` of automatic decisions, e.g. "model:tile-defect-v1@1.0.0". */
  modelName: () => string;
};

/**
 * Sends a freshly scored item where the policy in force says: an automatic decision (plus a
 * blind audit read when sampled), or the human queue. Called inside the transaction that
 * stores the prediction, so an item is never scored without being routed.
 */
export function routeScoredItem(deps: RouterDeps, itemId: number): void {
  // Checked first: the prediction row carries its heatmap, not worth loading for a routed item.
  if (deps.routes.get(itemId)) return;
  const item = deps.items.get(itemId);
  const prediction = deps.predictions.latestChampion(itemId);
  if (!item || !prediction) return;
  const policy = deps.policy.current();
  const decision = routeItem(policy, {
    itemSha256: item.sha256,
    defectProbability: prediction.defect_probability,
    topDefectClass: prediction.top_defect_class,
  });
  const now = new Date().toISOString();
  deps.routes.insert({
    item_id: itemId,
    policy_id: policy.id,
    prediction_id: prediction.id,
    route: decision.route,
    blind_first_read: decision.route === 'human' && decision.blindFirstRead ? 1 : 0,
    audit: decision.route === 'auto' && decision.audit ? 1 : 0,
    double_review: decision.route === 'human' && decision.doubleReview ? 1 : 0,
    routed_at: now,
  });
  if (decision.route !== 'auto') return;
  deps.decisions.insert({
    itemId,
    predictionId: prediction.id,
    kind: 'decision',
    inspector: deps.modelName(),
    label: decision.label,
    defectClass: decision.defectClass,
    note: null,
    decidedAt: now,
    timeToDecideMs: null,
    automationLevel: policy.level,
    suggestionVisible: false,
    source: 'auto',
    corrects: null,
    reviewRole: 'primary',
    policyId: policy.id,
    modelVersionId: prediction.model_version_id,
  });
  // An audit pick stays in the human queue (blind) until the audit read is in.
  if (!decision.audit) deps.items.setStatus(itemId, 'decided');
}
