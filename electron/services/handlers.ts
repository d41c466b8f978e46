import type { ChannelOutput, Handlers } from '../shared/contract.js';
import type { DecisionsRepo } from '../../db/repos/decisions.js';
import type { ItemsRepo } from '../../db/repos/items.js';
import type { HotFolderWatcher } from './ingest/hotFolder.js';
import { listFolders, requireFolder } from './ingest/folders.js';
import type { ImportJobs } from './ingest/importJobs.js';
import type { ReviewService } from './review/reviewService.js';
import { statusSummary } from './stats/summary.js';

export type HandlerDeps = {
  info: () => ChannelOutput<'app:info'>;
  items: ItemsRepo;
  decisions: DecisionsRepo;
  review: ReviewService;
  imports: ImportJobs;
  hotFolder: HotFolderWatcher;
  saveHotFolder: (path: string | null) => void;
};

/** Maps every channel of the contract to a service call. Inputs arrive already validated. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': () => deps.info(),
    'inspectors:list': () => ({ names: deps.decisions.recentInspectors() }),
    'queue:next': ({ limit }) => ({ items: deps.review.queue(limit) }),
    'review:decide': (input) => deps.review.decide(input),
    'review:undo': (input) => deps.review.undo(input),
    'items:quarantined': ({ limit, offset }) => ({
      items: deps.items.quarantined(limit, offset).map((row) => ({
        id: row.id,
        originalPath: row.original_path,
        reason: row.quarantine_reason ?? '',
        ingestedAt: row.ingested_at,
      })),
      total: deps.items.counts().quarantined,
    }),
    'ingest:listFolders': ({ path }) => listFolders(path),
    'ingest:importFolder': async ({ path }) => {
      const folder = await requireFolder(path);
      return { jobId: deps.imports.start(folder).jobId };
    },
    'ingest:status': () => ({ jobs: deps.imports.list() }),
    'hotFolder:get': () => deps.hotFolder.current,
    'hotFolder:set': async ({ path }) => {
      const folder = path === null ? null : await requireFolder(path);
      deps.saveHotFolder(folder);
      return deps.hotFolder.setPath(folder);
    },
    'stats:summary': () => statusSummary(deps.items, deps.decisions),
  };
}
