import type { Db } from '../open.js';

export type RouteRow = {
  item_id: number;
  policy_id: number;
  prediction_id: number;
  route: 'auto' | 'human';
  blind_first_read: 0 | 1;
  audit: 0 | 1;
  double_review: 0 | 1;
  routed_at: string;
};

/** Where each scored item was sent, and by which policy version and prediction. */
export class RoutesRepo {
  private readonly insertStmt;
  private readonly getStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO routes (item_id, policy_id, prediction_id, route, blind_first_read, audit, double_review, routed_at)
       VALUES (@item_id, @policy_id, @prediction_id, @route, @blind_first_read, @audit, @double_review, @routed_at)
       ON CONFLICT (item_id) DO NOTHING`,
    );
    this.getStmt = db.prepare('SELECT * FROM routes WHERE item_id = ?');
  }

  insert(row: RouteRow): boolean {
    return this.insertStmt.run(row).changes === 1;
  }

  get(itemId: number): RouteRow | null {
    return (this.getStmt.get(itemId) as RouteRow | undefined) ?? null;
  }
}
