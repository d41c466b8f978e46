import type { EventName, EventPayload } from '../shared/contract.js';
import type { EventListener } from './app.types.js';

/**
 * The services' event bus. `db:changed` is coalesced: a burst of writes (an import, a run of
 * predictions) becomes one refresh per window instead of one per row.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  private pendingTables = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly coalesceMs = 100) {}

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  dbChanged(...tables: string[]): void {
    for (const t of tables) this.pendingTables.add(t);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.coalesceMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pendingTables.size === 0) return;
    const tables = [...this.pendingTables].sort();
    this.pendingTables = new Set();
    this.emit('db:changed', { tables });
  }
}
