/**
 * The DTO schemas of the API contract: items, policies, suggestions, what-if figures, audit
 * entries. contract.ts assembles them into the channel table. No node:* and no electron.
 */
import { z } from 'zod';

export const LABELS = ['ok', 'defect'] as const;
export const AUTOMATION_LEVELS = ['human_only', 'ai_assist', 'partial', 'full'] as const;
export const ITEM_STATUSES = ['pending', 'predicted', 'decided', 'quarantined'] as const;
export const ITEM_SOURCES = ['import', 'hot_folder', 'history'] as const;
export const DECISION_SOURCES = ['human', 'auto', 'history'] as const;
export const DECISION_KINDS = ['decision', 'retraction'] as const;
/**
 * The model's call is "defect" at or above this calibrated probability (equal error costs).
 * Migration 0004 hard-codes the same value in SQL; test/node/reports/cube.test.ts checks they match.
 */
export const SHADOW_DECISION_THRESHOLD = 0.5;

export const idSchema = z.number().int().positive();
export const isoTimeSchema = z.string();
export const inspectorNameSchema = z
  .string()
  .trim()
  .min(1, 'inspector name is required')
  .max(64, 'inspector name is at most 64 characters');

export const labelSchema = z.enum(LABELS);
export const automationLevelSchema = z.enum(AUTOMATION_LEVELS);
export const itemStatusSchema = z.enum(ITEM_STATUSES);

export const itemSchema = z.object({
  id: idSchema,
  sha256: z.string(),
  originalName: z.string(),
  source: z.enum(ITEM_SOURCES),
  station: z.string(),
  capturedAt: isoTimeSchema,
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  status: itemStatusSchema,
  quarantineReason: z.string().nullable(),
});
export type ItemDto = z.infer<typeof itemSchema>;

export const quarantinedItemSchema = z.object({
  id: idSchema,
  originalPath: z.string(),
  reason: z.string(),
  ingestedAt: isoTimeSchema,
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

export const probabilitySchema = z.number().min(0).max(1);
// Thresholds live on a 0.001 grid: finer is meaningless for a calibrated probability, and it
// keeps the what-if figures exact.
export const thresholdSchema = probabilitySchema.refine(
  (v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-9,
  'thresholds have at most 3 decimals',
);
export const bandSchema = z
  .object({ t_ok: thresholdSchema, t_defect: thresholdSchema })
  .strict()
  .refine((b) => b.t_ok <= b.t_defect, 't_ok must not exceed t_defect');
export type Band = z.infer<typeof bandSchema>;

/** What a station does with each item: see docs/domain in ../DOMAIN.md and docs/automation.md. */
export const policySettingsSchema = z
  .object({
    level: automationLevelSchema,
    band: bandSchema,
    classBands: z.record(z.string().min(1).max(64), bandSchema).default({}),
    auditRate: probabilitySchema.describe('share of auto-decided items also sent to a human, blind'),
    blindFirstReadShare: probabilitySchema.describe(
      'ai_assist/partial: share of human items read blind first',
    ),
    doubleReviewShare: probabilitySchema.describe('share of human items a second inspector decides blind'),
  })
  .strict();
export type PolicySettings = z.infer<typeof policySettingsSchema>;

export const policySchema = policySettingsSchema.extend({
  id: idSchema,
  station: z.string(),
  version: z.number().int().positive(),
  samplingSeed: z.string(),
  createdAt: isoTimeSchema,
  createdBy: z.string(),
  reason: z.string(),
});
export type PolicyDto = z.infer<typeof policySchema>;

/** The model's suggestion as the station may show it: only where the policy lets the inspector see it. */
export const suggestionSchema = z.object({
  label: labelSchema,
  defectClass: z.string().nullable(),
  defectProbability: probabilitySchema,
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

export const proportionSchema = z.object({
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
  id: idSchema,
  at: isoTimeSchema,
  actor: z.string(),
  action: z.string(),
  details: z.string(),
});
