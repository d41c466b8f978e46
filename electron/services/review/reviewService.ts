import path from 'node:path';
import type { ItemDto, ParsedInput, PolicyDto, QueueItemDto, SuggestionDto } from '../../shared/contract.js';
import type { Db } from '../../../db/open.js';
import type { DecisionsRepo } from '../../../db/repos/decisions.js';
import type { ItemRow, ItemsRepo } from '../../../db/repos/items.js';
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

/** How many queued items are looked at per requested one, since some are not for this inspector. */
const SCAN_FACTOR = 4;

/** Human review: the queue of open reads, decisions and undo. Every write is one transaction. */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  /** The policy an item was routed under (items scored before routing fall under the current one). */
  private policyFor(itemId: number): { route: ReturnType<RoutesRepo['get']>; policy: PolicyDto } {
    const route = this.deps.routes.get(itemId);
    const policy = (route && this.deps.policies.get(route.policy_id)) || this.deps.policy.current();
    return { route, policy };
  }

  private taskFor(
    itemId: number,
    inspector: string | null,
  ): (OpenTask & { policy: PolicyDto; route: ReturnType<RoutesRepo['get']> }) | null {
    const { route, policy } = this.policyFor(itemId);
    const task = openTask(route, policy.level, this.deps.decisions.currentForItem(itemId), inspector);
    return task && { ...task, policy, route };
  }

  private suggestion(itemId: number): SuggestionDto | null {
    const prediction = this.deps.predictions.latestChampion(itemId);
    return prediction ? toSuggestion(prediction) : null;
  }

  queue(limit: number, inspector: string | null): QueueItemDto[] {
    const out: QueueItemDto[] = [];
    for (const row of this.deps.items.queue(limit * SCAN_FACTOR)) {
      const task = this.taskFor(row.id, inspector);
      if (!task) continue;
      out.push({
        ...toItemDto(row),
        task: { role: task.role, blind: task.blind, suggestion: task.blind ? null : this.suggestion(row.id) },
      });
      if (out.length === limit) break;
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
      const task = this.taskFor(item.id, input.inspector);
      if (!task) {
        const open = this.taskFor(item.id, null);
        throw conflict(
          open
            ? `item ${item.id} needs a second read by another inspector`
            : `item ${item.id} is already decided`,
        );
      }
      const head = decisions
        .currentForItem(item.id)
        .find((d) => d.review_role === task.role && d.kind === 'retraction');
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
      if (isComplete(task.route, task.policy.level, decisions.currentForItem(item.id)))
        items.setStatus(item.id, 'decided');
      return { decisionId, reveal: task.role === 'first_read' ? this.suggestion(item.id) : null };
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
