/**
 * The Loupe API contract: every channel, its input and output schema, and every event.
 *
 * Served over Electron IPC in the desktop app and over loopback HTTP in serve mode; the
 * renderer's API type, the preload bridge, the IPC registration and the HTTP router are all
 * derived from this one table. No node:* and no electron imports here: the renderer bundles it.
 */
import { z } from 'zod';
import { CHANNEL_NAMES as NAMES, EVENT_NAMES as EVENTS } from './names.js';
import { reportSchema } from './report.js';

export { HTTP, IPC } from './names.js';

export const LABELS = ['ok', 'defect'] as const;
export const AUTOMATION_LEVELS = ['human_only', 'ai_assist', 'partial', 'full'] as const;
export const ITEM_STATUSES = ['pending', 'predicted', 'decided', 'quarantined'] as const;
export const ITEM_SOURCES = ['import', 'hot_folder', 'history'] as const;
export const DECISION_SOURCES = ['human', 'auto', 'history'] as const;
export const DECISION_KINDS = ['decision', 'retraction'] as const;

const id = z.number().int().positive();
const isoTime = z.string();
const inspectorName = z
  .string()
  .trim()
  .min(1, 'inspector name is required')
  .max(64, 'inspector name is at most 64 characters');

export const labelSchema = z.enum(LABELS);
export const automationLevelSchema = z.enum(AUTOMATION_LEVELS);
export const itemStatusSchema = z.enum(ITEM_STATUSES);

export const itemSchema = z.object({
  id,
  sha256: z.string(),
  originalName: z.string(),
  source: z.enum(ITEM_SOURCES),
  station: z.string(),
  capturedAt: isoTime,
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  status: itemStatusSchema,
  quarantineReason: z.string().nullable(),
});
export type ItemDto = z.infer<typeof itemSchema>;

export const quarantinedItemSchema = z.object({
  id,
  originalPath: z.string(),
  reason: z.string(),
  ingestedAt: isoTime,
});
export type QuarantinedItemDto = z.infer<typeof quarantinedItemSchema>;

export const importProgressSchema = z.object({
  jobId: z.string(),
  folder: z.string(),
  state: z.enum(['scanning', 'importing', 'done', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
  quarantined: z.number().int(),
  error: z.string().nullable(),
});
export type ImportProgressDto = z.infer<typeof importProgressSchema>;

export const statusSummarySchema = z.object({
  pending: z.number().int().describe('items waiting for a human decision'),
  awaitingModel: z.number().int().describe('items the model has not scored yet'),
  decidedToday: z.number().int(),
  quarantined: z.number().int(),
  shadowAgreement: z.object({
    n: z.number().int(),
    agree: z.number().int(),
    rate: z.number().nullable(),
  }),
});
export type StatusSummaryDto = z.infer<typeof statusSummarySchema>;

export const REVIEW_ROLES = ['primary', 'first_read', 'audit', 'second_read'] as const;
export const reviewRoleSchema = z.enum(REVIEW_ROLES);

const probability = z.number().min(0).max(1);
// Thresholds live on a 0.001 grid: finer is meaningless for a calibrated probability, and it
// keeps the what-if figures exact.
const threshold = probability.refine(
  (v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9,
  'thresholds have at most 3 decimals',
);
export const bandSchema = z
  .object({ t_ok: threshold, t_defect: threshold })
  .strict()
  .refine((b) => b.t_ok <= b.t_defect, 't_ok must not exceed t_defect');
export type Band = z.infer<typeof bandSchema>;

/** What a station does with each item: see docs/domain in ../DOMAIN.md and docs/automation.md. */
export const policySettingsSchema = z
  .object({
    level: automationLevelSchema,
    band: bandSchema,
    classBands: z.record(z.string().min(1).max(64), bandSchema).default({}),
    auditRate: probability.describe('share of auto-decided items also sent to a human, blind'),
    blindFirstReadShare: probability.describe('ai_assist/partial: share of human items read blind first'),
    doubleReviewShare: probability.describe('share of human items a second inspector decides blind'),
  })
  .strict();
export type PolicySettings = z.infer<typeof policySettingsSchema>;

export const policySchema = policySettingsSchema.extend({
  id,
  station: z.string(),
  version: z.number().int().positive(),
  samplingSeed: z.string(),
  createdAt: isoTime,
  createdBy: z.string(),
  reason: z.string(),
});
export type PolicyDto = z.infer<typeof policySchema>;

/** The model's suggestion as the station may show it: only where the policy lets the inspector see it. */
export const suggestionSchema = z.object({
  label: labelSchema,
  defectClass: z.string().nullable(),
  defectProbability: probability,
  regions: z.array(
    z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number(), score: z.number() }),
  ),
  peak: z.object({ x: z.number(), y: z.number() }).nullable(),
  heatmap: z
    .object({
      width: z.number().int(),
      height: z.number().int(),
      /** base64 of width×height bytes, heat × 255, row-major. */
      data: z.string(),
      /** Where the grid lies over the image, in source-image pixels (may extend past its edges). */
      box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
    })
    .nullable(),
});
export type SuggestionDto = z.infer<typeof suggestionSchema>;

export const reviewTaskSchema = z.object({
  role: reviewRoleSchema,
  /** When true the station must not show any model output for this read. */
  blind: z.boolean(),
  suggestion: suggestionSchema.nullable(),
});
export type ReviewTaskDto = z.infer<typeof reviewTaskSchema>;

export const queueItemSchema = itemSchema.extend({ task: reviewTaskSchema });
export type QueueItemDto = z.infer<typeof queueItemSchema>;

const proportionSchema = z.object({
  value: z.number().nullable(),
  x: z.number().int(),
  n: z.number().int(),
  wilson95: z.tuple([z.number(), z.number()]).nullable(),
});

export const whatIfSchema = z.object({
  band: bandSchema,
  defectClass: z.string().nullable(),
  labelled: z.object({ n: z.number().int(), defects: z.number().int(), ok: z.number().int() }),
  enough: z.boolean().describe('false below the minimum number of labelled defects: show no figures'),
  minimumDefects: z.number().int(),
  autoPass: proportionSchema,
  autoFail: proportionSchema,
  human: proportionSchema,
  escapeRate: proportionSchema.describe(
    'human-defect items the band would auto-pass, over all human-defect items',
  ),
  falseRejectRate: proportionSchema.describe(
    'human-ok items the band would auto-fail, over all human-ok items',
  ),
  itemsPerHour: z.number().nullable().describe('observed arrival rate'),
  humanItemsPerHour: z.number().nullable(),
});
export type WhatIfDto = z.infer<typeof whatIfSchema>;

/** Unbiased labels binned by defect probability: the renderer computes live what-if curves from it. */
export const whatIfDistributionSchema = z.object({
  bins: z.number().int(),
  defectCounts: z.array(z.number().int()),
  okCounts: z.array(z.number().int()),
  itemsPerHour: z.number().nullable(),
  minimumDefects: z.number().int(),
});
export type WhatIfDistributionDto = z.infer<typeof whatIfDistributionSchema>;

export const auditEntrySchema = z.object({
  id,
  at: isoTime,
  actor: z.string(),
  action: z.string(),
  details: z.string(),
});

const emptyInput = z.object({}).strict();

/**
 * Channel table. Names are `domain:verb`. Inputs are strict objects: unknown keys are
 * rejected rather than ignored, so a typo in a client fails loudly.
 */
export const channels = {
  'app:info': {
    input: emptyInput,
    output: z.object({
      version: z.string(),
      dataDir: z.string(),
      station: z.string(),
      automationLevel: automationLevelSchema,
      defectClasses: z.array(z.string()),
      model: z.object({ id: z.string(), version: z.string(), sha256: z.string() }).nullable(),
      modelError: z.string().nullable().describe('why the model could not be loaded, when model is null'),
    }),
  },
  'inspectors:list': {
    input: emptyInput,
    output: z.object({ names: z.array(z.string()) }),
  },
  'queue:next': {
    input: z
      .object({
        limit: z.number().int().min(1).max(50).default(5),
        /** Excludes items this inspector already read, so a double review goes to someone else. */
        inspector: inspectorName.nullable().default(null),
      })
      .strict(),
    output: z.object({ items: z.array(queueItemSchema) }),
  },
  'review:decide': {
    input: z
      .object({
        itemId: id,
        inspector: inspectorName,
        label: labelSchema,
        defectClass: z.string().min(1).max(64).nullable().default(null),
        note: z.string().max(2000).nullable().default(null),
        timeToDecideMs: z.number().int().min(0).max(86_400_000).nullable().default(null),
      })
      .strict(),
    output: z.object({
      decisionId: id,
      /** After a blind first read: the suggestion to reveal before the final call. */
      reveal: suggestionSchema.nullable().default(null),
    }),
  },
  'review:undo': {
    input: z.object({ decisionId: id, inspector: inspectorName }).strict(),
    output: z.object({ retractionId: id, itemId: id }),
  },
  'items:quarantined': {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    output: z.object({ items: z.array(quarantinedItemSchema), total: z.number().int() }),
  },
  'ingest:listFolders': {
    input: z.object({ path: z.string().max(4096).nullable().default(null) }).strict(),
    output: z.object({
      path: z.string(),
      parent: z.string().nullable(),
      folders: z.array(z.object({ name: z.string(), path: z.string() })),
      imageCount: z.number().int().describe('supported image files directly in this folder'),
    }),
  },
  'ingest:importFolder': {
    input: z.object({ path: z.string().min(1).max(4096) }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  'ingest:status': {
    input: emptyInput,
    output: z.object({ jobs: z.array(importProgressSchema) }),
  },
  'hotFolder:get': {
    input: emptyInput,
    output: z.object({ path: z.string().nullable(), active: z.boolean(), error: z.string().nullable() }),
  },
  'hotFolder:set': {
    input: z.object({ path: z.string().min(1).max(4096).nullable() }).strict(),
    output: z.object({ path: z.string().nullable(), active: z.boolean(), error: z.string().nullable() }),
  },
  'stats:summary': {
    input: emptyInput,
    output: statusSummarySchema,
  },
  'supervisor:status': {
    input: emptyInput,
    output: z.object({ configured: z.boolean(), names: z.array(z.string()) }),
  },
  'supervisor:verify': {
    input: z.object({ name: z.string().min(1).max(64), password: z.string().min(1).max(256) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  },
  'policy:get': {
    input: emptyInput,
    output: z.object({ current: policySchema, history: z.array(policySchema) }),
  },
  'policy:set': {
    input: z
      .object({
        supervisor: z.string().min(1).max(64),
        password: z.string().min(1).max(256),
        reason: z.string().trim().min(3, 'give a reason for the change').max(2000),
        settings: policySettingsSchema,
      })
      .strict(),
    output: z.object({ policy: policySchema }),
  },
  'whatif:compute': {
    input: z
      .object({ band: bandSchema, defectClass: z.string().min(1).max(64).nullable().default(null) })
      .strict(),
    output: whatIfSchema,
  },
  'whatif:distribution': {
    input: z.object({ defectClass: z.string().min(1).max(64).nullable().default(null) }).strict(),
    output: whatIfDistributionSchema,
  },
  'reports:summary': {
    input: z
      .object({
        from: isoTime.nullable().default(null),
        to: isoTime.nullable().default(null),
        inspector: z.string().max(64).nullable().default(null),
        source: z.enum(DECISION_SOURCES).nullable().default(null),
        automationLevel: automationLevelSchema.nullable().default(null),
        modelVersion: z.string().max(200).nullable().default(null),
      })
      .strict(),
    output: reportSchema,
  },
  'reports:export': {
    input: z
      .object({
        format: z.enum(['csv', 'json', 'html', 'pdf']),
        from: isoTime.nullable().default(null),
        to: isoTime.nullable().default(null),
      })
      .strict(),
    output: z.object({ file: z.string(), rows: z.number().int(), sha256: z.string() }),
  },
  'audit:list': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    output: z.object({ entries: z.array(auditEntrySchema) }),
  },
  'audit:verify': {
    input: emptyInput,
    output: z.object({
      ok: z.boolean(),
      entries: z.number().int(),
      head: z
        .string()
        .nullable()
        .describe('hash of the last entry when intact: keep it to detect truncation later'),
      badEntryId: z.number().int().nullable(),
      reason: z.string().nullable(),
    }),
  },
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export const CHANNEL_NAMES: readonly Channel[] = NAMES;

/** What a caller passes (defaults optional). */
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedInput<C extends Channel> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** Events pushed from the services to every window / browser tab. */
export const events = {
  'db:changed': z.object({ tables: z.array(z.string()) }),
  'ingest:progress': importProgressSchema,
  'policy:changed': policySchema,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES: readonly EventName[] = EVENTS;

export const ERROR_CODES = [
  'invalid_input',
  'unknown_channel',
  'not_found',
  'conflict',
  'unauthorized',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type ApiError = { code: ErrorCode; message: string };
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** The one shape every transport exposes to the renderer. */
export interface LoupeApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** URL the renderer can put in <img src> for an item's image. */
  imageUrl(itemId: number): string;
}

/** Handlers implement every channel; they receive validated input. */
export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
};

// The zod-free name lists in names.ts must name exactly the channels and events above.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelNamesMatch: Same<(typeof NAMES)[number], Channel> = true;
const eventNamesMatch: Same<(typeof EVENTS)[number], EventName> = true;
void channelNamesMatch;
void eventNamesMatch;
