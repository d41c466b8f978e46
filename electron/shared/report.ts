/**
 * The agreement report: one shape for the dashboard, the JSON export, and the HTML/PDF
 * renderings. Keys are snake_case because the JSON export is read by other tools.
 */
import { z } from 'zod';

const interval = z.tuple([z.number(), z.number()]).nullable();
export const reportProportionSchema = z.object({
  value: z.number().nullable(),
  x: z.number().int(),
  n: z.number().int(),
  ci95: interval,
});
export type ReportProportion = z.infer<typeof reportProportionSchema>;

export const agreementBlockSchema = z.object({
  n: z.number().int(),
  agreement: z.number().nullable(),
  agreement_ci95: interval,
  cohen_kappa: z.number().nullable().describe('null when undefined (both raters use one class)'),
  cohen_kappa_ci95: interval,
  gwet_ac1: z.number().nullable(),
  gwet_ac1_ci95: interval,
  pabak: z.number().nullable(),
  pabak_ci95: interval,
  confusion: z.object({
    tp: z.number().int(),
    fp: z.number().int(),
    fn: z.number().int(),
    tn: z.number().int(),
  }),
  escape_rate: reportProportionSchema,
  false_reject_rate: reportProportionSchema,
});
export type AgreementBlock = z.infer<typeof agreementBlockSchema>;

export const sliceSchema = agreementBlockSchema.extend({ key: z.string() });
export type SliceRow = z.infer<typeof sliceSchema>;

export const classRowSchema = z.object({
  label: z.string(),
  support: z.number().int(),
  precision: reportProportionSchema,
  recall: reportProportionSchema,
  specificity: reportProportionSchema,
  f1: z.number().nullable(),
});

export const inspectorRowSchema = z.object({
  inspector: z.string(),
  n: z.number().int(),
  agreement: z.number().nullable(),
  cohen_kappa: z.number().nullable(),
  assisted_n: z.number().int().describe('decisions made with the suggestion visible'),
  override_rate: reportProportionSchema.describe('assisted decisions that went against the suggestion'),
  followed_when_wrong: reportProportionSchema.describe(
    'assisted decisions that followed a suggestion an unbiased label on the same item says was wrong',
  ),
  median_time_to_decide_ms: z.number().nullable(),
  rubber_stamp: z.boolean().describe('follows nearly every suggestion, quickly, including wrong ones'),
});

export const reportSchema = z.object({
  report: z.literal('loupe-agreement'),
  version: z.literal(1),
  generated_at: z.string(),
  generated_by: z.string(),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  filters: z.record(z.string(), z.string().nullable()),
  row_count: z.number().int().describe('decision rows in the period, corrections and retractions included'),
  csv_sha256: z.string().nullable().describe('sha256 of the CSV export of the same rows'),
  model_threshold: z.number().describe("the model's call is defect at or above this probability"),
  model_versions: z.array(z.object({ id: z.string(), version: z.string(), sha256: z.string() })),
  policy_versions: z.array(
    z.object({
      version: z.number().int(),
      level: z.string(),
      created_at: z.string(),
      created_by: z.string(),
      reason: z.string(),
    }),
  ),
  audit_head: z.string().nullable(),
  overall: agreementBlockSchema.describe(
    'model vs unbiased human labels (no suggestion visible), latest of each correction chain',
  ),
  assisted: agreementBlockSchema.describe(
    'model vs human decisions made with the suggestion visible (anchored; for reference)',
  ),
  human_human: agreementBlockSchema
    .nullable()
    .describe('double-review pairs: first read vs blind second read'),
  per_class: z.array(classRowSchema),
  class_confusion: z.object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number().int())) }),
  per_inspector: z.array(inspectorRowSchema),
  over_time: z.array(sliceSchema).describe('by day (UTC) of the decision'),
  calibration: z.array(
    z.object({
      lower: z.number(),
      upper: z.number(),
      n: z.number().int(),
      mean_probability: z.number().nullable(),
      defect_rate: z.number().nullable(),
    }),
  ),
  slices: z.object({
    model_version: z.array(sliceSchema),
    inspector: z.array(sliceSchema),
    station: z.array(sliceSchema),
    automation_level: z.array(sliceSchema),
    source: z.array(sliceSchema),
    confidence_bucket: z.array(sliceSchema),
    defect_class: z.array(sliceSchema),
  }),
});
export type AgreementReport = z.infer<typeof reportSchema>;
