import type { ImportProgressDto } from '../../../electron/shared/contract';
import type { AppState } from '../../app/types';

export function selectCurrentJob(state: AppState): ImportProgressDto | null {
  const id = state.ingest.currentJobId;
  return id ? (state.ingest.jobs[id] ?? null) : null;
}

/** The progress strip shows while a job runs and until its summary is dismissed. */
export function selectVisibleJob(state: AppState): ImportProgressDto | null {
  const job = selectCurrentJob(state);
  return job && state.ingest.dismissedJobId !== job.jobId ? job : null;
}

export function describeProgress(job: ImportProgressDto): string {
  switch (job.state) {
    case 'scanning':
      return `Scanning ${job.folder}…`;
    case 'importing':
      return `Importing ${job.folder}`;
    case 'done':
      return `Import finished: ${job.folder}`;
    case 'failed':
      return `Import failed: ${job.error ?? 'unknown error'}`;
  }
}
