import { randomUUID } from 'node:crypto';
import type { ImportProgressDto } from '../../shared/contract.js';
import type { ItemSource } from '../../../db/repos/items.js';
import { forEachConcurrent } from '../concurrency.js';
import { ingestFile } from './ingestFile.js';
import type { IngestDeps } from './ingestFile.js';
import { scanFolder, UNSUPPORTED_REASON } from './scan.js';

export type ImportJobsDeps = IngestDeps & {
  onProgress: (progress: ImportProgressDto) => void;
  onItemsChanged: () => void;
  /** Resolves when the next stage has room: keeps decoded images from piling up in memory. */
  waitForCapacity: () => Promise<void>;
  log: (message: string) => void;
};

const KEEP_FINISHED_JOBS = 10;
const PROGRESS_INTERVAL_MS = 150;
/** Two files in flight: one decoding while the other is hashed and written. */
const CONCURRENCY = 2;

/** Runs folder imports in the background, one at a time, reporting progress as they go. */
export class ImportJobs {
  private readonly jobs: ImportProgressDto[] = [];
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: ImportJobsDeps) {}

  list(): ImportProgressDto[] {
    return this.jobs.map((j) => ({ ...j }));
  }

  /** Queues an import and returns its job id at once; `done` settles when it has finished. */
  start(folder: string, source: ItemSource = 'import'): { jobId: string; done: Promise<ImportProgressDto> } {
    const job: ImportProgressDto = {
      jobId: randomUUID(),
      folder,
      state: 'scanning',
      total: 0,
      processed: 0,
      added: 0,
      duplicates: 0,
      quarantined: 0,
      error: null,
    };
    this.jobs.unshift(job);
    this.jobs.splice(KEEP_FINISHED_JOBS);
    const done = this.chain.then(() => this.run(job, source));
    this.chain = done.then(() => undefined);
    return { jobId: job.jobId, done };
  }

  /** Stops after the files in flight; unprocessed files are simply picked up by a later import. */
  close(): Promise<void> {
    this.closed = true;
    return this.chain;
  }

  /** Settles when every queued import has finished. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async run(job: ImportProgressDto, source: ItemSource): Promise<ImportProgressDto> {
    let lastEmit = 0;
    const emit = (force = false): void => {
      const now = Date.now();
      if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) return;
      lastEmit = now;
      this.deps.onProgress({ ...job });
    };
    try {
      emit(true);
      const files = await scanFolder(job.folder, (dir, reason) =>
        this.deps.log(`cannot read folder ${dir}: ${reason}`),
      );
      job.total = files.length;
      job.state = 'importing';
      emit(true);
      await forEachConcurrent(files, CONCURRENCY, async (file) => {
        // After close(), the remaining files are skipped, not started.
        if (this.closed) return;
        await this.deps.waitForCapacity();
        const reason = file.kind === 'unsupported' ? UNSUPPORTED_REASON : null;
        const outcome = await ingestFile(this.deps, file.path, source, reason);
        if (outcome.kind === 'added') job.added++;
        else if (outcome.kind === 'duplicate') job.duplicates++;
        else if (outcome.kind === 'quarantined') job.quarantined++;
        else this.deps.log(outcome.reason);
        job.processed++;
        if (outcome.kind !== 'duplicate') this.deps.onItemsChanged();
        emit();
      });
      job.state = 'done';
      if (this.closed && job.processed < job.total) {
        job.state = 'failed';
        job.error = `stopped after ${job.processed} of ${job.total} files because the station closed`;
      }
    } catch (err) {
      job.state = 'failed';
      job.error = err instanceof Error ? err.message : String(err);
      this.deps.log(`import of ${job.folder} failed: ${job.error}`);
    }
    emit(true);
    return { ...job };
  }
}
