/**
 * A small BMP reader. sharp (libvips) does not decode BMP, yet many industrial cameras write
 * it, usually as 8-bit greyscale with a palette. Supports the uncompressed variants cameras
 * produce: 1/4/8-bit palette, 24-bit BGR and 32-bit BGRX/bitfields, bottom-up or top-down.
 */
import { ImageError } from './imageError.js';

export type BmpHeader = { width: number; height: number; bitsPerPixel: number; topDown: boolean };

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

function readHeader(buf: Buffer): BmpHeader & { dataOffset: number; compression: number; dibSize: number } {
  if (buf.length < 26) throw new ImageError('truncated BMP header');
  const dataOffset = buf.readUInt32LE(10);
  const dibSize = buf.readUInt32LE(14);
  if (dibSize < 40) throw new ImageError(`unsupported BMP header version (${dibSize}-byte OS/2 header)`);
  if (buf.length < 14 + dibSize) throw new ImageError('truncated BMP header');
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bitsPerPixel = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  if (width <= 0 || rawHeight === 0) throw new ImageError('BMP has no pixels');
  return {
    width,
    height: Math.abs(rawHeight),
    topDown: rawHeight < 0,
    bitsPerPixel,
    dataOffset,
    compression,
    dibSize,
  };
}

export function probeBmp(buf: Buffer): BmpHeader {
  const { width, height, bitsPerPixel, topDown } = readHeader(buf);
  return { width, height, bitsPerPixel, topDown };
}

function luma(r: number, g: number, b: number): number {
  // ITU-R BT.601 weights, the usual greyscale conversion for camera images.
  return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
}

/** Decodes to 8-bit greyscale, row-major, top row first. */
export function decodeBmpGray(buf: Buffer): { data: Uint8Array; width: number; height: number } {
  const h = readHeader(buf);
  const { width, height, bitsPerPixel: bpp } = h;
  const okCompression =
    h.compression === BI_RGB ||
    (bpp === 32 && (h.compression === BI_BITFIELDS || h.compression === BI_ALPHABITFIELDS));
  if (!okCompression) throw new ImageError(`unsupported BMP compression (type ${h.compression})`);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new ImageError(`unsupported BMP bit depth (${bpp})`);

  let palette: Uint8Array | null = null;
  if (bpp <= 8) {
    const paletteStart = 14 + h.dibSize;
    const declared = buf.readUInt32LE(46);
    const entries = declared > 0 ? Math.min(declared, 1 << bpp) : 1 << bpp;
    if (paletteStart + entries * 4 > buf.length) throw new ImageError('truncated BMP palette');
    palette = new Uint8Array(entries);
    for (let i = 0; i < entries; i++) {
      const o = paletteStart + i * 4;
      palette[i] = luma(buf[o + 2]!, buf[o + 1]!, buf[o]!);
    }
  }

  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  if (h.dataOffset + rowBytes * height > buf.length) throw new ImageError('truncated BMP pixel data');
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const srcRow = h.dataOffset + (h.topDown ? y : height - 1 - y) * rowBytes;
    const dst = y * width;
    for (let x = 0; x < width; x++) {
      if (bpp === 24 || bpp === 32) {
        const o = srcRow + x * (bpp / 8);
        out[dst + x] = luma(buf[o + 2]!, buf[o + 1]!, buf[o]!);
        continue;
      }
      const bitOffset = x * bpp;
      const byte = buf[srcRow + (bitOffset >> 3)]!;
      const index = (byte >> (8 - bpp - (bitOffset & 7))) & ((1 << bpp) - 1);
      out[dst + x] = palette![index] ?? 0;
    }
  }
  return { data: out, width, height };
}
