import path from 'node:path';
import type { ItemDto, ParsedInput } from '../../shared/contract.js';
import type { Db } from '../../../db/open.js';
import type { AutomationLevel, DecisionsRepo } from '../../../db/repos/decisions.js';
import type { ItemRow, ItemsRepo } from '../../../db/repos/items.js';
import type { PredictionsRepo } from '../../../db/repos/predictions.js';
import { conflict, invalid, notFound } from '../errors.js';

export type ReviewDeps = {
  db: Db;
  items: ItemsRepo;
  decisions: DecisionsRepo;
  predictions: PredictionsRepo;
  defectClasses: () => readonly string[];
  automationLevel: () => AutomationLevel;
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

/** Human review: the queue, decisions and undo. Every write is one synchronous transaction. */
export class ReviewService {
  constructor(private readonly deps: ReviewDeps) {}

  queue(limit: number): ItemDto[] {
    return this.deps.items.queue(limit).map(toItemDto);
  }

  decide(input: ParsedInput<'review:decide'>): { decisionId: number } {
    const { items, decisions, predictions } = this.deps;
    if (input.label === 'ok' && input.defectClass !== null) throw invalid('an OK decision has no defect class');
    if (input.defectClass !== null && !this.deps.defectClasses().includes(input.defectClass)) {
      throw invalid(`unknown defect class "${input.defectClass}"; expected one of ${this.deps.defectClasses().join(', ')}`);
    }
    const decisionId = this.deps.db.transaction(() => {
      const item = items.get(input.itemId);
      if (!item || item.status === 'quarantined') throw notFound(`item ${input.itemId}`);
      if (item.status === 'pending') throw conflict(`item ${item.id} has not been scored by the model yet`);
      const head = decisions.chainHead(item.id);
      if (item.status === 'decided' || head?.kind === 'decision') throw conflict(`item ${item.id} is already decided`);
      const level = this.deps.automationLevel();
      const id = decisions.insert({
        itemId: item.id,
        predictionId: predictions.latestChampion(item.id)?.id ?? null,
        kind: 'decision',
        inspector: input.inspector,
        label: input.label,
        defectClass: input.defectClass,
        note: input.note,
        decidedAt: new Date().toISOString(),
        timeToDecideMs: input.timeToDecideMs,
        automationLevel: level,
        // Only human_only exists so far, and it never sends the model's output to the station.
        suggestionVisible: false,
        source: 'human',
        corrects: head?.kind === 'retraction' ? head.id : null,
      });
      items.setStatus(item.id, 'decided');
      return id;
    })();
    this.deps.onChanged();
    return { decisionId };
  }

  /** Undo appends a retraction pointing at the decision; the item goes back to the queue. */
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
        automationLevel: this.deps.automationLevel(),
        suggestionVisible: false,
        source: 'human',
        corrects: target.id,
      });
      items.setStatus(target.item_id, 'predicted');
      return { retractionId, itemId: target.item_id };
    })();
    this.deps.onChanged();
    return result;
  }
}
