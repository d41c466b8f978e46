import type { ChannelOutput, ImportProgressDto } from '../../electron/shared/contract';
import { call, describeError, latestWins, patcher } from './call';
import type { LoadStatus, SliceCreator } from './types';

export type FolderListing = ChannelOutput<'ingest:listFolders'>;

export interface IngestSlice {
  ingest: {
    /** Of the last "Import this folder" request, not of the background job. */
    status: LoadStatus;
    error: string | null;
    jobs: Record<string, ImportProgressDto>;
    /** The job the station shows: the one started here last, else the latest one heard of. */
    currentJobId: string | null;
    /** The finished job whose summary the inspector closed. */
    dismissedJobId: string | null;
    browser: { status: LoadStatus; listing: FolderListing | null; error: string | null };
  };
  browseFolder: (path: string | null) => Promise<void>;
  importFolder: (path: string) => Promise<void>;
  loadImportStatus: () => Promise<void>;
  applyImportProgress: (progress: ImportProgressDto) => void;
  dismissImportSummary: () => void;
}

export const createIngestSlice: SliceCreator<IngestSlice> = (set, get, { api }) => {
  const patch = patcher(set, 'ingest');
  // Only the folder asked for last may land: a slow answer for the start folder must not
  // replace the folder the inspector typed a moment later.
  const beginBrowse = latestWins();

  return {
    ingest: {
      status: 'idle',
      error: null,
      jobs: {},
      currentJobId: null,
      dismissedJobId: null,
      browser: { status: 'idle', listing: null, error: null },
    },

    browseFolder: async (path) => {
      const isLatest = beginBrowse();
      patch((i) => ({ browser: { ...i.browser, status: 'loading', error: null } }));
      const res = await call(api, 'ingest:listFolders', { path });
      if (!isLatest()) return;
      if (res.ok) patch(() => ({ browser: { status: 'ready', listing: res.value, error: null } }));
      else
        patch((i) => ({
          browser: {
            ...i.browser,
            status: 'error',
            error: describeError(`Cannot open ${path ?? 'the start folder'}`, res.error),
          },
        }));
    },

    importFolder: async (path) => {
      patch(() => ({ status: 'loading', error: null }));
      const res = await call(api, 'ingest:importFolder', { path });
      if (!res.ok) {
        patch(() => ({ status: 'error', error: describeError(`Cannot import ${path}`, res.error) }));
        return;
      }
      const { jobId } = res.value;
      patch((i) => ({
        status: 'ready',
        currentJobId: jobId,
        // Progress events may already have arrived; otherwise show the job as starting.
        jobs: i.jobs[jobId]
          ? i.jobs
          : {
              ...i.jobs,
              [jobId]: {
                jobId,
                folder: path,
                state: 'scanning',
                total: 0,
                processed: 0,
                added: 0,
                duplicates: 0,
                quarantined: 0,
                error: null,
              },
            },
      }));
    },

    loadImportStatus: async () => {
      const res = await call(api, 'ingest:status', {});
      if (!res.ok) {
        get().reportError(describeError('Cannot load the import status', res.error));
        return;
      }
      for (const job of res.value.jobs) get().applyImportProgress(job);
    },

    applyImportProgress: (progress) => {
      const finishedBefore = get().ingest.jobs[progress.jobId]?.state;
      patch((i) => ({
        jobs: { ...i.jobs, [progress.jobId]: progress },
        currentJobId:
          i.currentJobId && isRunning(i.jobs[i.currentJobId]) && i.currentJobId !== progress.jobId
            ? i.currentJobId
            : progress.jobId,
      }));
      const justFinished = progress.state === 'done' && finishedBefore !== 'done';
      // The dialog loads the list when it opens; only an open one needs the new files.
      if (justFinished && get().ui.panel === 'quarantine') void get().loadQuarantine();
    },

    dismissImportSummary: () => patch((i) => ({ dismissedJobId: i.currentJobId })),
  };
};

export function isRunning(job: ImportProgressDto | undefined): boolean {
  return job?.state === 'scanning' || job?.state === 'importing';
}
