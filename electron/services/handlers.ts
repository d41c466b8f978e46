import type { ChannelOutput, Handlers, ParsedInput } from '../shared/contract.js';
import type { AgreementReport } from '../shared/report.js';
import type { AuditRepo } from '../../db/repos/audit.js';
import type { DecisionsRepo } from '../../db/repos/decisions.js';
import type { ItemsRepo } from '../../db/repos/items.js';
import type { HotFolderWatcher } from './ingest/hotFolder.js';
import { listFolders, requireFolder } from './ingest/folders.js';
import type { ImportJobs } from './ingest/importJobs.js';
import type { PolicyService } from './policy/policyService.js';
import type { ReviewService } from './review/reviewService.js';
import { statusSummary } from './stats/summary.js';
import type { WhatIfService } from './whatif/whatIfService.js';

export type HandlerDeps = {
  info: () => ChannelOutput<'app:info'>;
  items: ItemsRepo;
  decisions: DecisionsRepo;
  review: ReviewService;
  imports: ImportJobs;
  hotFolder: HotFolderWatcher;
  saveHotFolder: (path: string | null) => void;
  policy: PolicyService;
  whatIf: WhatIfService;
  audit: AuditRepo;
  reports: {
    summary(input: ParsedInput<'reports:summary'>): AgreementReport;
    export(input: ParsedInput<'reports:export'>): Promise<{ file: string; rows: number; sha256: string }>;
  };
};

/** Maps every channel of the contract to a service call. Inputs arrive already validated. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app:info': () => deps.info(),
    'inspectors:list': () => ({ names: deps.decisions.recentInspectors() }),
    'queue:next': ({ limit, inspector }) => ({ items: deps.review.queue(limit, inspector) }),
    'review:decide': (input) => deps.review.decide(input),
    'review:undo': (input) => deps.review.undo(input),
    'items:quarantined': ({ limit, offset }) => ({
      items: deps.items.quarantined(limit, offset).map((row) => ({
        id: row.id,
        originalPath: row.original_path,
        reason: row.quarantine_reason ?? '',
        ingestedAt: row.ingested_at,
      })),
      total: deps.items.count('quarantined'),
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
    'stats:summary': () => statusSummary(deps.items, deps.decisions, deps.whatIf),
    'supervisor:status': () => {
      const names = deps.policy.supervisorNames();
      return { configured: names.length > 0, names };
    },
    'supervisor:verify': async ({ name, password }) => {
      await deps.policy.authenticate(name, password);
      return { ok: true as const };
    },
    'policy:get': () => ({ current: deps.policy.current(), history: deps.policy.history() }),
    'policy:set': async (input) => ({ policy: await deps.policy.change(input) }),
    'whatif:compute': ({ band, defectClass }) => deps.whatIf.compute(band, defectClass),
    'whatif:distribution': ({ defectClass }) => deps.whatIf.distribution(defectClass),
    'reports:summary': (input) => deps.reports.summary(input),
    'reports:export': (input) => deps.reports.export(input),
    'audit:list': ({ limit }) => ({ entries: deps.audit.recent(limit) }),
    'audit:verify': () => {
      const result = deps.audit.verify();
      return result.ok
        ? { ok: true, entries: result.entries, head: result.head, badEntryId: null, reason: null }
        : {
            ok: false,
            entries: result.checked,
            head: null,
            badEntryId: result.badEntryId,
            reason: result.reason,
          };
    },
  };
}
