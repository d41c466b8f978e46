import fs from 'node:fs/promises';
import { scanFolder } from './scan.js';

export type HotFolderState = { path: string | null; active: boolean; error: string | null };

export type HotFolderDeps = {
  ingest: (filePath: string, unsupported: boolean) => Promise<void>;
  log: (message: string) => void;
  onStateChange: (state: HotFolderState) => void;
  pollMs?: number;
};

type Seen = { size: number; mtimeMs: number; stableSince: number | null; done: boolean };

/**
 * Watches a folder a camera writes into. Polling (rather than fs.watch) works on network
 * shares and survives the folder disappearing and coming back. A file is ingested only once
 * its size and modification time have stopped changing between two polls, so a frame that is
 * still being written is never read half-way.
 */
export class HotFolderWatcher {
  private state: HotFolderState = { path: null, active: false, error: null };
  private readonly seen = new Map<string, Seen>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private generation = 0;

  constructor(private readonly deps: HotFolderDeps) {}

  get current(): HotFolderState {
    return { ...this.state };
  }

  async setPath(folder: string | null): Promise<HotFolderState> {
    await this.stop();
    this.seen.clear();
    this.generation++;
    this.state = { path: folder, active: false, error: null };
    if (folder) {
      await this.pollOnce();
      this.schedule();
    }
    this.deps.onStateChange(this.current);
    return this.current;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }

  /** One scan; exposed so tests can step the watcher without waiting on timers. */
  async pollOnce(): Promise<void> {
    const folder = this.state.path;
    if (!folder) return;
    const generation = this.generation;
    const run = async (): Promise<void> => {
      const wasActive = this.state.active;
      try {
        const info = await fs.stat(folder);
        if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        this.update({
          active: false,
          error: code === 'ENOENT' ? 'folder not found' : `cannot read folder (${code})`,
        });
        return;
      }
      this.update({ active: true, error: null });
      if (!wasActive) this.deps.log(`watching hot folder ${folder}`);
      const files = await scanFolder(folder);
      const now = Date.now();
      for (const file of files) {
        if (generation !== this.generation) return;
        const stat = await fs.stat(file.path).catch(() => null);
        if (!stat) continue;
        const prev = this.seen.get(file.path);
        if (prev?.done && prev.size === stat.size && prev.mtimeMs === stat.mtimeMs) continue;
        const unchanged = prev && prev.size === stat.size && prev.mtimeMs === stat.mtimeMs;
        if (!unchanged) {
          this.seen.set(file.path, { size: stat.size, mtimeMs: stat.mtimeMs, stableSince: now, done: false });
          continue;
        }
        await this.deps.ingest(file.path, file.kind === 'unsupported');
        this.seen.set(file.path, { ...prev, done: true });
      }
    };
    this.polling = run().catch((err: unknown) => this.deps.log(`hot folder scan failed: ${String(err)}`));
    await this.polling;
    this.polling = null;
  }

  private update(patch: Partial<HotFolderState>): void {
    const changed = patch.active !== this.state.active || patch.error !== this.state.error;
    this.state = { ...this.state, ...patch };
    if (changed) this.deps.onStateChange(this.current);
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.pollOnce().then(() => {
        if (this.timer) this.schedule();
      });
    }, this.deps.pollMs ?? 1000);
  }
}
