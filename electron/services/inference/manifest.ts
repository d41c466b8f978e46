/**
 * The model manifest: the whole description of a model version (I/O names, input size,
 * pre-processing, labels, thresholds, calibration). Code never assumes the default model, so
 * a second model with another input size or label set loads without code changes.
 * Manifests are untrusted input: everything the runtime relies on is validated here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatIssues } from '../issues.js';

const probability = z.number().min(0).max(1);
const tensorName = z.string().min(1).max(200);

const resizeSchema = z.object({
  // Only these are implemented in preprocess.ts; anything else must fail at load, not predict.
  mode: z.literal('letterbox'),
  algorithm: z.literal('bilinear-half-pixel'),
  anchor: z.literal('center'),
  upscale: z.boolean().default(true),
  rounding: z.literal('floor(x+0.5)').default('floor(x+0.5)'),
  note: z.string().optional(),
});

const normalizationSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('per-image-standardize'),
    over: z.literal('content'),
    stdFloor: z.number().positive(),
    note: z.string().optional(),
  }),
  z.object({
    // Fixed statistics in 0..255 units: x = (v - mean) / std.
    kind: z.literal('mean-std'),
    mean: z.number(),
    std: z.number().positive(),
    note: z.string().optional(),
  }),
]);

export const modelManifestSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'id must be a lowercase slug'),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'version must be semver'),
    // A bare file name: a manifest must not point the loader outside its own folder.
    file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.onnx$/, 'file must be a plain .onnx file name'),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 must be 64 lowercase hex digits'),
    input: z.object({
      name: tensorName,
      channels: z.union([z.literal(1), z.literal(3)]),
      height: z.number().int().min(8).max(4096),
      width: z.number().int().min(8).max(4096),
      dtype: z.literal('float32'),
      layout: z.literal('NCHW').default('NCHW'),
    }),
    preprocessing: z.object({
      colorSpace: z.literal('gray8'),
      resize: resizeSchema,
      normalization: normalizationSchema,
      padValue: z.number(),
    }),
    outputs: z.object({
      defectProbability: tensorName,
      classProbabilities: tensorName,
      heatmap: tensorName,
    }),
    outputShapes: z.record(z.string(), z.array(z.union([z.string(), z.number().int()]))).optional(),
    heatmap: z
      .object({
        stride: z.number().positive(),
        height: z.number().int().positive(),
        width: z.number().int().positive(),
        cellMapping: z.string().optional(),
      })
      .optional(),
    labels: z.array(z.string().min(1).max(64)).min(2).max(256),
    okLabel: z.string().min(1),
    thresholds: z.object({ t_ok: probability, t_defect: probability, heatmapRegion: probability }),
    calibration: z
      .object({ method: z.string(), appliedInGraph: z.boolean() })
      .catchall(z.union([z.string(), z.number(), z.boolean()])),
    dataset: z.object({ name: z.string(), citation: z.string().min(1) }).catchall(z.string()),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((m, ctx) => {
    if (!m.labels.includes(m.okLabel))
      ctx.addIssue({ code: 'custom', path: ['okLabel'], message: `okLabel "${m.okLabel}" is not in labels` });
    if (new Set(m.labels).size !== m.labels.length)
      ctx.addIssue({ code: 'custom', path: ['labels'], message: 'labels must be unique' });
    if (m.thresholds.t_ok > m.thresholds.t_defect) {
      ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 't_ok must not exceed t_defect' });
    }
  });

export type ModelManifest = z.infer<typeof modelManifestSchema>;

/** Reads and validates `<modelDir>/manifest.json`; errors name the file and the problem. */
export function loadManifest(modelDir: string): ModelManifest {
  const file = path.join(modelDir, 'manifest.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read model manifest ${file}: ${code === 'ENOENT' ? 'file not found' : String(err)}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`model manifest ${file} is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = modelManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`model manifest ${file} is invalid: ${formatIssues(parsed.error.issues, '(root)')}`);
  }
  return parsed.data;
}
