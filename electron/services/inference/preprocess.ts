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

/**
 * Bilinear resize of the content straight into its place in the tensor (0..255 units), with
 * the sums the normaliser needs gathered in the same pass — one pass and no intermediate
 * buffer per image, since this runs on the event loop between model runs.
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
  const ys = axisTaps(nh, h);
  const xs = axisTaps(nw, w);
  // Each source row is interpolated along x once and reused by the output rows next to it;
  // the arithmetic is the same per pixel, so results are bit-identical to the direct form.
  const rowA = new Float64Array(nw);
  const rowB = new Float64Array(nw);
  let rows: [number, Float64Array, number, Float64Array] = [-1, rowA, -1, rowB];
  const horizontal = (r: number): Float64Array => {
    if (rows[0] === r) return rows[1];
    if (rows[2] === r) return rows[3];
    // Replace the row that is not needed next (rows only move downwards).
    const target = rows[0] < rows[2] ? rows[1] : rows[3];
    const base = r * w;
    for (let x = 0; x < nw; x++) {
      const fx = xs.f[x]!;
      target[x] = (1 - fx) * data[base + xs.i0[x]!]! + fx * data[base + xs.i1[x]!]!;
    }
    rows = rows[0] < rows[2] ? [r, target, rows[2], rows[3]] : [rows[0], rows[1], r, target];
    return target;
  };
  let sum = 0;
  let sumSq = 0;
  for (let y = 0; y < nh; y++) {
    const top = horizontal(ys.i0[y]!);
    const bot = horizontal(ys.i1[y]!);
    const fy = ys.f[y]!;
    const dst = offset + y * rowStride;
    for (let x = 0; x < nw; x++) {
      const v = (1 - fy) * top[x]! + fy * bot[x]!;
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

export function preprocess(image: GrayImage, manifest: ModelManifest): PreparedInput {
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
  const tensor = new Float32Array(C * plane);
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
