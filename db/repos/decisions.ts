import type { Db } from '../open.js';

export type AutomationLevel = 'human_only' | 'ai_assist' | 'partial' | 'full';
export type ReviewRole = 'primary' | 'first_read' | 'audit' | 'second_read';

export type DecisionRow = {
  id: number;
  item_id: number;
  prediction_id: number | null;
  kind: 'decision' | 'retraction';
  inspector: string;
  label: 'ok' | 'defect' | null;
  defect_class: string | null;
  decided_at: string;
  corrects: number | null;
  source: 'human' | 'auto' | 'history';
  review_role: ReviewRole;
  policy_id: number | null;
  suggestion_visible: 0 | 1;
};

export type NewDecision = {
  itemId: number;
  predictionId: number | null;
  kind: 'decision' | 'retraction';
  inspector: string;
  label: 'ok' | 'defect' | null;
  defectClass: string | null;
  note: string | null;
  decidedAt: string;
  timeToDecideMs: number | null;
  automationLevel: AutomationLevel;
  suggestionVisible: boolean;
  source: 'human' | 'auto' | 'history';
  corrects: number | null;
  reviewRole?: ReviewRole;
  policyId?: number | null;
  modelVersionId?: number | null;
};

/**
 * SQL true when the decisions row `alias` is "current": nothing corrects it, so it is the latest
 * link of its chain. One definition for the repo and the reports, so they cannot drift apart.
 */
export const isCurrentSql = (alias: string): string =>
  `NOT EXISTS (SELECT 1 FROM decisions c WHERE c.corrects = ${alias}.id)`;
const IS_CURRENT = isCurrentSql('d');

export class DecisionsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly headForItem;
  private readonly currentForItemStmt;
  private readonly isCurrentStmt;
  private readonly decidedSinceStmt;
  private readonly inspectorsStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO decisions (item_id, prediction_id, kind, inspector, label, defect_class, note, decided_at, time_to_decide_ms, automation_level, suggestion_visible, source, corrects, review_role, policy_id, model_version_id)
       VALUES (@itemId, @predictionId, @kind, @inspector, @label, @defectClass, @note, @decidedAt, @timeToDecideMs, @automationLevel, @suggestionVisible, @source, @corrects, @reviewRole, @policyId, @modelVersionId)
       RETURNING id`,
    );
    const cols =
      'd.id, d.item_id, d.prediction_id, d.kind, d.inspector, d.label, d.defect_class, d.decided_at, d.corrects, d.source, d.review_role, d.policy_id, d.suggestion_visible';
    this.byIdStmt = db.prepare(`SELECT ${cols} FROM decisions d WHERE d.id = ?`);
    this.headForItem = db.prepare(
      `SELECT ${cols} FROM decisions d WHERE d.item_id = ? AND ${IS_CURRENT} ORDER BY d.id DESC LIMIT 1`,
    );
    this.currentForItemStmt = db.prepare(
      `SELECT ${cols} FROM decisions d WHERE d.item_id = ? AND ${IS_CURRENT} ORDER BY d.id`,
    );
    this.isCurrentStmt = db.prepare(`SELECT 1 FROM decisions d WHERE d.id = ? AND ${IS_CURRENT}`);
    this.decidedSinceStmt = db.prepare(
      `SELECT COUNT(*) AS n FROM decisions d WHERE d.kind = 'decision' AND d.decided_at >= ? AND ${IS_CURRENT}`,
    );
    this.inspectorsStmt = db.prepare(
      `SELECT inspector, MAX(decided_at) AS last FROM decisions WHERE source = 'human' GROUP BY inspector ORDER BY last DESC LIMIT 50`,
    );
  }

  insert(d: NewDecision): number {
    const row = this.insertStmt.get({
      reviewRole: 'primary',
      policyId: null,
      modelVersionId: null,
      ...d,
      suggestionVisible: d.suggestionVisible ? 1 : 0,
    }) as { id: number };
    return row.id;
  }

  get(id: number): DecisionRow | null {
    return (this.byIdStmt.get(id) as DecisionRow | undefined) ?? null;
  }

  /** The latest uncorrected row for the item (a decision in force, or a retraction), if any. */
  chainHead(itemId: number): DecisionRow | null {
    return (this.headForItem.get(itemId) as DecisionRow | undefined) ?? null;
  }

  /** The latest row of every chain on the item: decisions in force and open retractions. */
  currentForItem(itemId: number): DecisionRow[] {
    return this.currentForItemStmt.all(itemId) as DecisionRow[];
  }

  isCurrent(id: number): boolean {
    return this.isCurrentStmt.get(id) !== undefined;
  }

  decidedSince(iso: string): number {
    return (this.decidedSinceStmt.get(iso) as { n: number }).n;
  }

  recentInspectors(): string[] {
    return (this.inspectorsStmt.all() as Array<{ inspector: string }>).map((r) => r.inspector);
  }
}
