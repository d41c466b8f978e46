import type { Db } from '../open.js';

export type ItemStatus = 'pending' | 'predicted' | 'decided' | 'quarantined';
export type ItemSource = 'import' | 'hot_folder' | 'history';

export type ItemRow = {
  id: number;
  sha256: string;
  original_path: string;
  stored_path: string | null;
  source: ItemSource;
  station: string;
  captured_at: string;
  ingested_at: string;
  format: string | null;
  byte_size: number;
  width: number | null;
  height: number | null;
  status: ItemStatus;
  quarantine_reason: string | null;
};

export type NewItem = Omit<ItemRow, 'id'>;

/** Where a page of the queue ended: the next page starts after this (captured_at, id). */
export type QueueCursor = { capturedAt: string; id: number };

const COLUMNS =
  'id, sha256, original_path, stored_path, source, station, captured_at, ingested_at, format, byte_size, width, height, status, quarantine_reason';

export class ItemsRepo {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly bySha;
  private readonly setStatusStmt;
  private readonly queueStmt;
  private readonly queueAfterStmt;
  private readonly unroutedStmt;
  private readonly countByStatus;
  private readonly quarantinedStmt;
  private readonly byStatusStmt;
  private readonly anyStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO items (sha256, original_path, stored_path, source, station, captured_at, ingested_at, format, byte_size, width, height, status, quarantine_reason)
       VALUES (@sha256, @original_path, @stored_path, @source, @station, @captured_at, @ingested_at, @format, @byte_size, @width, @height, @status, @quarantine_reason)
       ON CONFLICT (sha256) DO NOTHING RETURNING id`,
    );
    this.byIdStmt = db.prepare(`SELECT ${COLUMNS} FROM items WHERE id = ?`);
    this.bySha = db.prepare('SELECT id FROM items WHERE sha256 = ?');
    this.setStatusStmt = db.prepare('UPDATE items SET status = @status WHERE id = @id');
    this.queueStmt = db.prepare(
      `SELECT ${COLUMNS} FROM items WHERE status = 'predicted' ORDER BY captured_at, id LIMIT ?`,
    );
    // Keyset paging on the items_status index, so a later page costs no more than the first.
    this.queueAfterStmt = db.prepare(
      `SELECT ${COLUMNS} FROM items WHERE status = 'predicted' AND (captured_at, id) > (@capturedAt, @id)
       ORDER BY captured_at, id LIMIT @limit`,
    );
    this.unroutedStmt = db
      .prepare(
        `SELECT id FROM items WHERE status = 'predicted'
         AND NOT EXISTS (SELECT 1 FROM routes r WHERE r.item_id = items.id) ORDER BY id`,
      )
      .pluck();
    // One indexed range per status: the decided history can be millions of rows and is never needed here.
    this.countByStatus = db.prepare('SELECT COUNT(*) AS n FROM items WHERE status = ?').pluck();
    this.anyStmt = db.prepare('SELECT 1 FROM items LIMIT 1').pluck();
    this.quarantinedStmt = db.prepare(
      `SELECT ${COLUMNS} FROM items WHERE status = 'quarantined' ORDER BY ingested_at DESC, id DESC LIMIT ? OFFSET ?`,
    );
    this.byStatusStmt = db.prepare(`SELECT ${COLUMNS} FROM items WHERE status = ? ORDER BY id`);
  }

  /** Inserts unless the same content is already known; returns the item id either way. */
  insertOrFind(item: NewItem): { id: number; inserted: boolean } {
    const row = this.insertStmt.get(item) as { id: number } | undefined;
    if (row) return { id: row.id, inserted: true };
    const existing = this.bySha.get(item.sha256) as { id: number };
    return { id: existing.id, inserted: false };
  }

  findBySha(sha256: string): number | null {
    const row = this.bySha.get(sha256) as { id: number } | undefined;
    return row?.id ?? null;
  }

  get(id: number): ItemRow | null {
    return (this.byIdStmt.get(id) as ItemRow | undefined) ?? null;
  }

  setStatus(id: number, status: Exclude<ItemStatus, 'quarantined'>): void {
    this.setStatusStmt.run({ id, status });
  }

  /** Items waiting for a human, oldest capture first; `after` continues from a previous page. */
  queue(limit: number, after: QueueCursor | null = null): ItemRow[] {
    if (!after) return this.queueStmt.all(limit) as ItemRow[];
    return this.queueAfterStmt.all({ ...after, limit }) as ItemRow[];
  }

  /** Scored items with no route yet (scored before routing existed, or a crash in between). */
  predictedWithoutRoute(): number[] {
    return this.unroutedStmt.all() as number[];
  }

  withStatus(status: ItemStatus): ItemRow[] {
    return this.byStatusStmt.all(status) as ItemRow[];
  }

  count(status: ItemStatus): number {
    return this.countByStatus.get(status) as number;
  }

  isEmpty(): boolean {
    return this.anyStmt.get() === undefined;
  }

  quarantined(limit: number, offset: number): ItemRow[] {
    return this.quarantinedStmt.all(limit, offset) as ItemRow[];
  }
}
