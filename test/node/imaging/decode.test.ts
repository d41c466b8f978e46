import { describe, expect, it } from 'vitest';
import {
  decodeGray,
  probeImage,
  sniffFormat,
  toBrowserImage,
} from '../../../electron/services/imaging/decode.js';
import { ImageError } from '../../../electron/services/imaging/imageError.js';
import { makeBmp24, makeBmp8, makeImage, pngHeaderOnly } from '../helpers/tmp.js';

describe('decodeGray', () => {
  it('decodes JPEG, PNG and TIFF to one greyscale channel at full size', async () => {
    for (const format of ['jpeg', 'png', 'tiff'] as const) {
      const img = await decodeGray(await makeImage(format, 1, 40, 30));
      expect(img).toMatchObject({ format, width: 40, height: 30 });
      expect(img.data.length).toBe(40 * 30);
    }
  });

  it('decodes lossless formats exactly', async () => {
    const png = await decodeGray(await makeImage('png', 7, 20, 10));
    expect(png.data[5]).toBe((5 * 10 + 7 * 17) % 251);
  });

  it('reads 8-bit palette BMP bottom-up and 24-bit BMP top-down', async () => {
    const bmp8 = await decodeGray(makeBmp8(5, 3, (x, y) => x * 10 + y));
    expect(bmp8).toMatchObject({ format: 'bmp', width: 5, height: 3 });
    expect(Array.from(bmp8.data)).toEqual([0, 10, 20, 30, 40, 1, 11, 21, 31, 41, 2, 12, 22, 32, 42]);
    const bmp24 = await decodeGray(
      makeBmp24(3, 2, (x, y) => (x === 0 && y === 0 ? [255, 255, 255] : [0, 0, 255])),
    );
    expect(Array.from(bmp24.data)).toEqual([255, 29, 29, 29, 29, 29]);
  });

  it('gives a clear reason for each kind of bad file', async () => {
    const jpeg = await makeImage('jpeg', 3, 200, 200);
    const cases: Array<[Buffer, RegExp]> = [
      [Buffer.alloc(0), /empty file/],
      [jpeg.subarray(0, Math.floor(jpeg.length / 2)), /corrupt or truncated JPEG/],
      [Buffer.from('just some text, not an image'), /not an image/],
      [Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00', 'latin1'), /unsupported format \(GIF\)/],
      [pngHeaderOnly(10_000, 6_000), /oversized image: 10000×6000 \(60\.0 MP\)/],
      [makeBmp8(4, 4, () => 0).subarray(0, 1085), /truncated BMP/],
    ];
    for (const [buf, reason] of cases) {
      const err = await decodeGray(buf).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImageError);
      expect((err as Error).message).toMatch(reason);
    }
  });

  it('refuses an oversized image from its header alone', async () => {
    await expect(probeImage(pngHeaderOnly(8000, 8000))).rejects.toThrow(/exceeds the 50 MP limit/);
    // Within the limit the size check passes, and the missing pixel data is what is reported.
    await expect(probeImage(pngHeaderOnly(7000, 7000))).rejects.toThrow(/unreadable PNG header/);
  });

  it('sniffs the format from content, not the name', () => {
    expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffFormat(Buffer.from('II*\0', 'latin1'))).toBe('tiff');
    expect(sniffFormat(Buffer.from('MM\0*', 'latin1'))).toBe('tiff');
  });
});

describe('toBrowserImage', () => {
  it('passes JPEG through and converts BMP and TIFF to PNG', async () => {
    const jpeg = await makeImage('jpeg', 1);
    expect((await toBrowserImage(jpeg)).data).toBe(jpeg);
    for (const buf of [makeBmp8(8, 8, (x) => x * 30), await makeImage('tiff', 2)]) {
      const out = await toBrowserImage(buf);
      expect(out.contentType).toBe('image/png');
      expect(sniffFormat(out.data)).toBe('png');
    }
  });
});
