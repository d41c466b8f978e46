/**
 * The Loupe API contract: every channel, its input and output schema, and every event.
 *
 * Served over Electron IPC in the desktop app and over loopback HTTP in serve mode; the
 * renderer's API type, the preload bridge, the IPC registration and the HTTP router are all
 * derived from this one table. No node:* and no electron imports here: the renderer bundles it.
 */
import { z } from 'zod';
import { CHANNEL_NAMES as NAMES, EVENT_NAMES as EVENTS } from './names.js';

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
    input: z.object({ limit: z.number().int().min(1).max(50).default(5) }).strict(),
    output: z.object({ items: z.array(itemSchema) }),
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
    output: z.object({ decisionId: id }),
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
