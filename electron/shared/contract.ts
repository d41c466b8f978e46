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
import {
  DECISION_SOURCES,
  auditEntrySchema,
  automationLevelSchema,
  bandSchema,
  idSchema,
  importProgressSchema,
  inspectorNameSchema,
  isoTimeSchema,
  labelSchema,
  policySchema,
  policySettingsSchema,
  quarantinedItemSchema,
  queueItemSchema,
  statusSummarySchema,
  suggestionSchema,
  whatIfDistributionSchema,
  whatIfSchema,
} from './schemas.js';

export * from './schemas.js';

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
        inspector: inspectorNameSchema.nullable().default(null),
      })
      .strict(),
    output: z.object({ items: z.array(queueItemSchema) }),
  },
  'review:decide': {
    input: z
      .object({
        itemId: idSchema,
        inspector: inspectorNameSchema,
        label: labelSchema,
        defectClass: z.string().min(1).max(64).nullable().default(null),
        note: z.string().max(2000).nullable().default(null),
        timeToDecideMs: z.number().int().min(0).max(86_400_000).nullable().default(null),
      })
      .strict(),
    output: z.object({
      decisionId: idSchema,
      /** After a blind first read: the suggestion to reveal before the final call. */
      reveal: suggestionSchema.nullable().default(null),
    }),
  },
  'review:undo': {
    input: z.object({ decisionId: idSchema, inspector: inspectorNameSchema }).strict(),
    output: z.object({ retractionId: idSchema, itemId: idSchema }),
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
        from: isoTimeSchema.nullable().default(null),
        to: isoTimeSchema.nullable().default(null),
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
        from: isoTimeSchema.nullable().default(null),
        to: isoTimeSchema.nullable().default(null),
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
