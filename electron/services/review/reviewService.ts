import path from 'node:path';
import type { ItemDto, ParsedInput, PolicyDto, QueueItemDto, SuggestionDto } from '../../shared/contract.js';
import type { Db } from '../../../db/open.js';
import type { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { ItemRow, ItemsRepo, QueueCursor } from '../../../db/repos/items.js';
import type { PoliciesRepo } from '../../../db/repos/policies.js';
import type { PredictionsRepo } from '../../../db/repos/predictions.js';
import type { RoutesRepo } from '../../../db/repos/routes.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { PolicyService } from '../policy/policyService.js';
import { toSuggestion } from './suggestion.js';
import { isComplete, openTask } from './tasks.js';
import type { OpenTask } from './tasks.js';

export type ReviewDeps = {
  db: Db;
  items: ItemsRepo;
  decisions: DecisionsRepo;
  predictions: PredictionsRepo;
  routes: RoutesRepo;
  policies: PoliciesRepo;
  policy: PolicyService;
  defectClasses: () => readonly string[];
  onChanged: () => void;
};

export function toItemDto(row: ItemRow): ItemDto {
  return {
    id: row.id,
    sha256: row.sha256,
    // Only the file name: folder names often encode the answer (e.g. "rejects/").
    originalName: path.basename(row.original_path),
    source: row.source,
    station: row.station,
    capturedAt: row.captured_at,
    width: row.width,
    height: row.height,
    status: row.status,
    quarantineReason: row.quarantine_reason,
  };
}

/** Queued items read per page while looking for reads open to this inspector. */
const QUEUE_PAGE = 64;

type RouteOf = ReturnType<RoutesRepo['get']>;
type TaskWithPolicy = OpenTask & { policy: PolicyDto; route: RouteOf };

/** Human review: the queue of open reads, decisions and undo. Every write is one transaction. */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /**
   * The policy an item was routed under (items scored before routing fall under the current one).
   * `cache` lets one queue pass parse each policy row once instead of once per item.
   */
  private policyFor(
    itemId: number,
    cache?: Map<number, PolicyDto | null>,
  ): { route: RouteOf; policy: PolicyDto } {
    const route = this.deps.routes.get(itemId);
    let routed: PolicyDto | null = null;
    if (route) {
      if (cache?.has(route.policy_id)) routed = cache.get(route.policy_id)!;
      else {
        routed = this.deps.policies.get(route.policy_id);
        cache?.set(route.policy_id, routed);
      }
    }
    return { route, policy: routed || this.deps.policy.current() };
  }

  private taskFor(
    itemId: number,
    inspector: string | null,
    cache?: Map<number, PolicyDto | null>,
  ): TaskWithPolicy | null {
    const { route, policy } = this.policyFor(itemId, cache);
    const task = openTask(route, policy.level, this.deps.decisions.currentForItem(itemId), inspector);
    return task && { ...task, policy, route };
  }

  private suggestion(itemId: number): SuggestionDto | null {
    const prediction = this.deps.predictions.latestChampion(itemId);
    return prediction ? toSuggestion(prediction) : null;
  }

  /**
   * Up to `limit` reads open to `inspector`, oldest capture first. Pages through the whole
   * queue when needed: items awaiting someone else's second read can fill any fixed window.
   */
  queue(limit: number, inspector: string | null): QueueItemDto[] {
    const out: QueueItemDto[] = [];
    const policies = new Map<number, PolicyDto | null>();
    let after: QueueCursor | null = null;
    while (out.length < limit) {
      const page = this.deps.items.queue(QUEUE_PAGE, after);
      for (const row of page) {
        const task = this.taskFor(row.id, inspector, policies);
        if (!task) continue;
        out.push({
          ...toItemDto(row),
          task: {
            role: task.role,
            blind: task.blind,
            suggestion: task.blind ? null : this.suggestion(row.id),
          },
        });
        if (out.length === limit) break;
      }
      if (page.length < QUEUE_PAGE) break;
      const last = page[page.length - 1]!;
      after = { capturedAt: last.captured_at, id: last.id };
    }
    return out;
  }

  decide(input: ParsedInput<'review:decide'>): { decisionId: number; reveal: SuggestionDto | null } {
    const { items, decisions, predictions } = this.deps;
    if (input.label === 'ok' && input.defectClass !== null)
      throw invalid('an OK decision has no defect class');
    if (input.defectClass !== null && !this.deps.defectClasses().includes(input.defectClass)) {
      throw invalid(
        `unknown defect class "${input.defectClass}"; expected one of ${this.deps.defectClasses().join(', ')}`,
      );
    }
    const result = this.deps.db.transaction(() => {
      const item = items.get(input.itemId);
      if (!item || item.status === 'quarantined') throw notFound(`item ${input.itemId}`);
      if (item.status === 'pending') throw conflict(`item ${item.id} has not been scored by the model yet`);
      // Route, policy, current reads and prediction are each loaded once and reused below.
      const { route, policy } = this.policyFor(item.id);
      const current = decisions.currentForItem(item.id);
      const open = openTask(route, policy.level, current, input.inspector);
      if (!open) {
        throw conflict(
          openTask(route, policy.level, current, null)
            ? `item ${item.id} needs a second read by another inspector`
            : `item ${item.id} is already decided`,
        );
      }
      const task = { ...open, policy, route };
      const head = current.find((d) => d.review_role === task.role && d.kind === 'retraction');
      const prediction = predictions.latestChampion(item.id);
      const decisionId = decisions.insert({
        itemId: item.id,
        predictionId: prediction?.id ?? null,
        kind: 'decision',
        inspector: input.inspector,
        label: input.label,
        defectClass: input.defectClass,
        note: input.note,
        decidedAt: new Date().toISOString(),
        timeToDecideMs: input.timeToDecideMs,
        automationLevel: task.policy.level,
        suggestionVisible: !task.blind,
        source: 'human',
        corrects: head?.id ?? null,
        reviewRole: task.role,
        policyId: task.route ? task.policy.id : null,
        modelVersionId: prediction?.model_version_id ?? null,
      });
      // Re-read: the new decision (and the retraction it corrects) changes the current set.
      if (isComplete(task.route, task.policy.level, decisions.currentForItem(item.id)))
        items.setStatus(item.id, 'decided');
      const reveal = task.role === 'first_read' && prediction ? toSuggestion(prediction) : null;
      return { decisionId, reveal };
    })();
    this.deps.onChanged();
    return result;
  }

  /** Undo appends a retraction pointing at the decision; the read it was reopens. */
  undo(input: ParsedInput<'review:undo'>): { retractionId: number; itemId: number } {
    const { items, decisions } = this.deps;
    const result = this.deps.db.transaction(() => {
      const target = decisions.get(input.decisionId);
      if (!target || target.kind !== 'decision') throw notFound(`decision ${input.decisionId}`);
      if (target.source !== 'human') throw conflict('only a human decision can be undone at the station');
      if (target.inspector !== input.inspector) {
        throw conflict(`decision ${target.id} was made by ${target.inspector}; only they can undo it`);
      }
      if (!decisions.isCurrent(target.id)) throw conflict(`decision ${target.id} has already been corrected`);
      const { policy } = this.policyFor(target.item_id);
      const retractionId = decisions.insert({
        itemId: target.item_id,
        predictionId: target.prediction_id,
        kind: 'retraction',
        inspector: input.inspector,
        label: null,
        defectClass: null,
        note: 'undo',
        decidedAt: new Date().toISOString(),
        timeToDecideMs: null,
        automationLevel: policy.level,
        suggestionVisible: target.suggestion_visible === 1,
        source: 'human',
        corrects: target.id,
        reviewRole: target.review_role,
        policyId: target.policy_id,
      });
      items.setStatus(target.item_id, 'predicted');
      return { retractionId, itemId: target.item_id };
    })();
    this.deps.onChanged();
    return result;
  }
}
