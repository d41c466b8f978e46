/**
 * Turns untrusted file bytes into greyscale pixels, or an ImageError whose message is the
 * quarantine reason shown to the user. The header is checked before any pixel is decoded so
 * a decompression bomb is refused without allocating its pixels.
 */
import sharp from 'sharp';
import type { Metadata } from 'sharp';
import { decodeBmpGray, probeBmp } from './bmp.js';
import { ImageError } from './imageError.js';

export const MAX_PIXELS = 50_000_000;
export const SUPPORTED_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.bmp', '.tif', '.tiff'] as const;

export type ImageFormat = 'jpeg' | 'png' | 'bmp' | 'tiff';
export type GrayPixels = { data: Uint8Array; width: number; height: number };
export type ImageInfo = { format: ImageFormat; width: number; height: number };

// Each image is decoded on one libvips thread; parallelism comes from decoding several images
// at once, which keeps inference and decoding overlapped on small machines.
sharp.concurrency(1);

const OTHER_FORMATS: Array<[string, (b: Buffer) => boolean]> = [
  ['GIF', (b) => b.subarray(0, 4).toString('latin1') === 'GIF8'],
  [
    'WebP',
    (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
  ['PDF', (b) => b.subarray(0, 5).toString('latin1') === '%PDF-'],
  ['HEIF/AVIF', (b) => b.subarray(4, 8).toString('latin1') === 'ftyp'],
];

/** Identifies the format from the content, never from the file name. */
export function sniffFormat(buf: Buffer): ImageFormat {
  if (buf.length === 0) throw new ImageError('empty file (0 bytes)');
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 8 && buf.readUInt32BE(0) === 0x89504e47 && buf.readUInt32BE(4) === 0x0d0a1a0a)
    return 'png';
  if (buf.length >= 2 && buf[0] === 0x42 && buf[1] === 0x4d) return 'bmp';
  if (buf.length >= 4) {
    const tag = buf.subarray(0, 4).toString('latin1');
    if (tag === 'II*\0' || tag === 'MM\0*') return 'tiff';
  }
  const other = OTHER_FORMATS.find(([, test]) => buf.length >= 12 && test(buf));
  if (other) throw new ImageError(`unsupported format (${other[0]}); supported: JPEG, PNG, BMP, TIFF`);
  throw new ImageError('not an image file (unrecognised content)');
}

function checkSize(width: number, height: number): void {
  if (!(width > 0 && height > 0)) throw new ImageError('image has no pixels');
  if (width * height > MAX_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(1);
    throw new ImageError(`oversized image: ${width}×${height} (${mp} MP) exceeds the 50 MP limit`);
  }
}

/** PNG dimensions sit at fixed offsets in IHDR; check them before libvips sees the file. */
function checkPngHeader(buf: Buffer): void {
  if (buf.length >= 24 && buf.subarray(12, 16).toString('latin1') === 'IHDR')
    checkSize(buf.readUInt32BE(16), buf.readUInt32BE(20));
}

/** Reads only the header: format and dimensions, with the size limit applied. */
export async function probeImage(buf: Buffer): Promise<ImageInfo> {
  const format = sniffFormat(buf);
  if (format === 'bmp') {
    const { width, height } = probeBmp(buf);
    checkSize(width, height);
    return { format, width, height };
  }
  if (format === 'png') checkPngHeader(buf);
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new ImageError(`unreadable ${format.toUpperCase()} header: ${shortReason(err)}`);
  }
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  checkSize(width, height);
  return { format, width, height };
}

/** Decodes the whole image to 8-bit greyscale; truncated or corrupt data is an ImageError. */
export async function decodeGray(buf: Buffer): Promise<GrayPixels & ImageInfo> {
  const format = sniffFormat(buf);
  if (format === 'bmp') {
    const info = await probeImage(buf);
    return { ...info, ...decodeBmpGray(buf) };
  }
  if (format === 'png') checkPngHeader(buf);
  try {
    // limitInputPixels makes libvips refuse an oversized image from its header, before any
    // pixel is decoded, so the hot path needs no separate metadata read.
    const { data, info: out } = await sharp(buf, { failOn: 'truncated', limitInputPixels: MAX_PIXELS })
      .autoOrient()
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (out.channels !== 1) throw new Error(`expected 1 channel, got ${out.channels}`);
    const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return { format, width: out.width, height: out.height, data: pixels };
  } catch (err) {
    // Say exactly why: the header check gives the size or header problem; otherwise the data is bad.
    await probeImage(buf);
    throw new ImageError(`corrupt or truncated ${format.toUpperCase()}: ${shortReason(err)}`);
  }
}

/** Encodes greyscale or the original into a format every browser displays. */
export async function toBrowserImage(buf: Buffer): Promise<{ contentType: string; data: Buffer }> {
  const format = sniffFormat(buf);
  if (format === 'jpeg') return { contentType: 'image/jpeg', data: buf };
  if (format === 'png') return { contentType: 'image/png', data: buf };
  const gray = format === 'bmp' ? decodeBmpGray(buf) : null;
  const png = gray
    ? await sharp(Buffer.from(gray.data), { raw: { width: gray.width, height: gray.height, channels: 1 } })
        .png()
        .toBuffer()
    : await sharp(buf, { limitInputPixels: MAX_PIXELS }).autoOrient().png().toBuffer();
  return { contentType: 'image/png', data: png };
}

function shortReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message
    .split('\n')[0]!
    .replace(/^Input (buffer|file) /, '')
    .slice(0, 200);
}
