import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, onTestFinished } from 'vitest';

const suiteLevel: string[] = [];
const remove = (dir: string): void => fs.rmSync(dir, { recursive: true, force: true });

/** A fresh temporary folder, removed after the current test (or the file, from a before-all hook). */
export function tempDir(prefix = 'loupe-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    onTestFinished(() => remove(dir));
  } catch {
    suiteLevel.push(dir);
  }
  return dir;
}

afterAll(() => {
  for (const dir of suiteLevel.splice(0)) remove(dir);
});

/** A greyscale image with a distinct pattern per seed, so each seed has distinct content. */
export async function makeImage(
  format: 'jpeg' | 'png' | 'tiff',
  seed: number,
  width = 64,
  height = 48,
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * (seed + 3) + seed * 17) % 251;
  const img = sharp(raw, { raw: { width, height, channels: 1 } });
  return format === 'jpeg'
    ? img.jpeg({ quality: 95 }).toBuffer()
    : format === 'png'
      ? img.png().toBuffer()
      : img.tiff().toBuffer();
}

/** An uncompressed 8-bit palette BMP (the kind industrial cameras write), bottom-up. */
export function makeBmp8(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
  const rowBytes = Math.ceil(width / 4) * 4;
  const dataOffset = 14 + 40 + 256 * 4;
  const buf = Buffer.alloc(dataOffset + rowBytes * height);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(dataOffset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(8, 28);
  buf.writeUInt32LE(0, 30);
  buf.writeUInt32LE(256, 46);
  for (let i = 0; i < 256; i++) buf.writeUInt32LE(i | (i << 8) | (i << 16), 54 + i * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) buf[dataOffset + (height - 1 - y) * rowBytes + x] = pixel(x, y);
  }
  return buf;
}

/** A 24-bit BMP, top-down (negative height). */
export function makeBmp24(
  width: number,
  height: number,
  rgb: (x: number, y: number) => [number, number, number],
): Buffer {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const dataOffset = 54;
  const buf = Buffer.alloc(dataOffset + rowBytes * height);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(dataOffset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(-height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = rgb(x, y);
      const o = dataOffset + y * rowBytes + x * 3;
      buf[o] = b;
      buf[o + 1] = g;
      buf[o + 2] = r;
    }
  }
  return buf;
}

/** A PNG whose header claims the given size, with no pixel data: a decompression-bomb stand-in. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const chunk = Buffer.concat([Buffer.from('IHDR', 'latin1'), ihdr]);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(13);
  const crcBuf = Buffer.alloc(4);
  crcBuf.writeUInt32BE(crc(chunk));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), len, chunk, crcBuf]);
}
