/**
 * Builds the model input tensor from decoded 8-bit greyscale pixels, as the manifest says.
 *
 * This must equal the training recipe's numpy code (models/<id>/training/common.py) to
 * <= 1e-4, which the parity test checks on real images. That is why the resize is written
 * out here instead of calling sharp or a canvas: library resamplers differ in filters, edge
 * handling and rounding, and a silent mismatch would degrade the model without any error.
 * Arithmetic is float64 in the same order as numpy; only the final tensor is float32.
 */
import type { ModelManifest } from './manifest.js';

export type GrayImage = { data: Uint8Array; width: number; height: number };

/**
 * Where the source image sits inside the model input. Map a model-input pixel coordinate
 * (x, y) back to source pixels with ((x - offsetX) / scaleX, (y - offsetY) / scaleY).
 * scaleX/scaleY are the exact content-to-source ratios (after rounding the content size);
 * `scale` is the nominal letterbox scale they were rounded from.
 */
export type Geometry = {
  scale: number;
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
  contentWidth: number;
  contentHeight: number;
  sourceWidth: number;
  sourceHeight: number;
  inputWidth: number;
  inputHeight: number;
};

export type PreparedInput = { tensor: Float32Array; dims: number[]; geometry: Geometry };

// JS Math.round and Python round() disagree on .5; floor(x + 0.5) is identical in both.
const roundHalfUp = (x: number): number => Math.floor(x + 0.5);

export function letterboxGeometry(width: number, height: number, manifest: ModelManifest): Geometry {
  const W = manifest.input.width;
  const H = manifest.input.height;
  let scale = Math.min(W / width, H / height);
  if (!manifest.preprocessing.resize.upscale) scale = Math.min(scale, 1);
  const nw = Math.min(W, Math.max(1, roundHalfUp(width * scale)));
  const nh = Math.min(H, Math.max(1, roundHalfUp(height * scale)));
  return {
    scale,
    scaleX: nw / width,
    scaleY: nh / height,
    offsetX: Math.floor((W - nw) / 2),
    offsetY: Math.floor((H - nh) / 2),
    contentWidth: nw,
    contentHeight: nh,
    sourceWidth: width,
    sourceHeight: height,
    inputWidth: W,
    inputHeight: H,
  };
}

type Taps = { i0: Int32Array; i1: Int32Array; f: Float64Array };
/** The source rows the output reads, ascending, and which of them each output row blends. */
type RowPlan = { rows: Int32Array; top: Int32Array; bot: Int32Array; f: Float64Array };

/** Bilinear taps with half-pixel centres (PyTorch align_corners=False, no antialias). */
function axisTaps(nOut: number, nIn: number): Taps {
  const ratio = nIn / nOut;
  const i0 = new Int32Array(nOut);
  const i1 = new Int32Array(nOut);
  const f = new Float64Array(nOut);
  for (let i = 0; i < nOut; i++) {
    const s = Math.min(Math.max((i + 0.5) * ratio - 0.5, 0), nIn - 1);
    const lo = Math.floor(s);
    i0[i] = lo;
    i1[i] = Math.min(lo + 1, nIn - 1);
    f[i] = s - lo;
  }
  return { i0, i1, f };
}

function rowPlan(nOut: number, nIn: number): RowPlan {
  const { i0, i1, f } = axisTaps(nOut, nIn);
  const slotOf = new Int32Array(nIn).fill(-1);
  const rows: number[] = [];
  for (let i = 0; i < nOut; i++) slotOf[i0[i]!] = slotOf[i1[i]!] = 0;
  for (let r = 0; r < nIn; r++) if (slotOf[r] === 0) slotOf[r] = rows.push(r) - 1;
  return { rows: Int32Array.from(rows), top: i0.map((r) => slotOf[r]!), bot: i1.map((r) => slotOf[r]!), f };
}

// A station's camera gives one image size, so the plans for the last few sizes are kept.
const planCache = new Map<string, { x: Taps; y: RowPlan }>();
function resizePlan(nw: number, w: number, nh: number, h: number): { x: Taps; y: RowPlan } {
  const key = `${nw}:${w}:${nh}:${h}`;
  let plan = planCache.get(key);
  if (!plan) {
    if (planCache.size >= 8) planCache.delete(planCache.keys().next().value!);
    plan = { x: axisTaps(nw, w), y: rowPlan(nh, h) };
    planCache.set(key, plan);
  }
  return plan;
}

// Source rows interpolated along x, kept between calls (preprocess is synchronous).
let rowScratch = new Float64Array(0);

/**
 * Bilinear resize of the content straight into its place in the tensor (0..255 units), with
 * the sums the normaliser needs gathered in the same pass. Each source row the output reads is
 * interpolated along x once, then each output row blends two of them; the arithmetic per pixel
 * is the direct form's, so results are bit-identical to it.
 */
function resizeInto(
  image: GrayImage,
  nw: number,
  nh: number,
  tensor: Float32Array,
  rowStride: number,
  offset: number,
): { sum: number; sumSq: number } {
  const { data, width: w, height: h } = image;
  const { x: xs, y: plan } = resizePlan(nw, w, nh, h);
  const { i0: xi0, i1: xi1, f: xf } = xs;
  const sourceRows = plan.rows;
  if (rowScratch.length < sourceRows.length * nw) rowScratch = new Float64Array(sourceRows.length * nw);
  const rows = rowScratch;
  for (let k = 0, at = 0; k < sourceRows.length; k++, at += nw) {
    const base = sourceRows[k]! * w;
    for (let x = 0; x < nw; x++) {
      const fx = xf[x]!;
      rows[at + x] = (1 - fx) * data[base + xi0[x]!]! + fx * data[base + xi1[x]!]!;
    }
  }
  const { top: tops, bot: bots, f: yf } = plan;
  let sum = 0;
  let sumSq = 0;
  for (let y = 0; y < nh; y++) {
    const top = tops[y]! * nw;
    const bot = bots[y]! * nw;
    const fy = yf[y]!;
    const dst = offset + y * rowStride;
    for (let x = 0; x < nw; x++) {
      const v = (1 - fy) * rows[top + x]! + fy * rows[bot + x]!;
      tensor[dst + x] = v;
      sum += v;
      sumSq += v * v;
    }
  }
  return { sum, sumSq };
}

function normalizer(
  sums: { sum: number; sumSq: number },
  count: number,
  manifest: ModelManifest,
): { mean: number; div: number } {
  const norm = manifest.preprocessing.normalization;
  if (norm.kind === 'mean-std') return { mean: norm.mean, div: norm.std };
  const mean = sums.sum / count;
  // Population std over the tile pixels only (padding excluded); the floor keeps a blank
  // frame from being amplified into noise.
  const variance = Math.max(0, sums.sumSq / count - mean * mean);
  return { mean, div: Math.max(Math.sqrt(variance), norm.stdFloor) };
}

/**
 * `reuse`, when it has the input's length, is written over instead of allocating a new tensor
 * (every element is set, padding included): a 384×384 tensor per image is otherwise the main
 * garbage the scoring loop makes.
 */
export function preprocess(image: GrayImage, manifest: ModelManifest, reuse?: Float32Array): PreparedInput {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`preprocess: invalid image size ${width}x${height}`);
  }
  if (data.length !== width * height) {
    throw new Error(
      `preprocess: expected ${width * height} greyscale bytes for ${width}x${height}, got ${data.length}`,
    );
  }
  const geometry = letterboxGeometry(width, height, manifest);
  const { contentWidth: nw, contentHeight: nh, offsetX, offsetY, inputWidth: W, inputHeight: H } = geometry;
  const C = manifest.input.channels;
  const plane = W * H;
  const tensor = reuse?.length === C * plane ? reuse : new Float32Array(C * plane);
  const sums = resizeInto(image, nw, nh, tensor, W, offsetY * W + offsetX);
  const { mean, div } = normalizer(sums, nw * nh, manifest);
  const pad = manifest.preprocessing.padValue;
  tensor.fill(pad, 0, offsetY * W);
  tensor.fill(pad, (offsetY + nh) * W, plane);
  const scale = 1 / div;
  for (let y = offsetY; y < offsetY + nh; y++) {
    const row = y * W;
    tensor.fill(pad, row, row + offsetX);
    tensor.fill(pad, row + offsetX + nw, row + W);
    for (let i = row + offsetX; i < row + offsetX + nw; i++) tensor[i] = (tensor[i]! - mean) * scale;
  }
  // A 3-channel model gets the grey plane replicated (the camera is monochrome).
  for (let c = 1; c < C; c++) tensor.copyWithin(c * plane, 0, plane);
  return { tensor, dims: [1, C, H, W], geometry };
}
