import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { APP_ROOT, DEMO_IMAGES_DIR } from '../../../electron/cli/paths.js';
import { tempDir } from '../helpers/tmp.js';

const loupe = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(APP_ROOT, 'bin', 'loupe.js'), ...args], {
    cwd: APP_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });

const demoLabels = fs
  .readFileSync(path.join(APP_ROOT, 'demo', 'labels.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [file, label, cls] = line.split(',');
    return { file: file!, label: label!, cls: cls ?? '' };
  });

describe('loupe predict', () => {
  it('writes one JSON line per image in file order, and an error line for an unreadable file', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'sub'));
    const names = fs.readdirSync(DEMO_IMAGES_DIR).sort().slice(0, 3);
    fs.copyFileSync(path.join(DEMO_IMAGES_DIR, names[0]!), path.join(dir, 'a.jpg'));
    fs.copyFileSync(path.join(DEMO_IMAGES_DIR, names[1]!), path.join(dir, 'sub', 'b.JPG'));
    fs.writeFileSync(path.join(dir, 'sub', 'c.png'), 'garbage');
    const out = path.join(tempDir(), 'p.jsonl');
    const run = loupe('predict', '--images', dir, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.file)).toEqual(['a.jpg', 'sub/b.JPG', 'sub/c.png']);
    for (const l of lines.slice(0, 2)) {
      expect(Object.keys(l)).toEqual([
        'file',
        'defect_probability',
        'predicted_class',
        'class_probabilities',
        'regions',
        'peak',
        'latency_ms',
      ]);
      expect(Object.keys(l.class_probabilities as object)).toEqual([
        'ok',
        'blowhole',
        'break',
        'crack',
        'fray',
        'uneven',
      ]);
      expect(l.latency_ms).toBeGreaterThan(0);
    }
    expect(lines[2]).toEqual({ file: 'sub/c.png', error: expect.stringMatching(/not an image/) });
    expect(run.stderr).toMatch(/predicted 3\/3/);
  });
});

describe('loupe eval', () => {
  it('reports the image-level figures on a folder in the dataset layout', async () => {
    const root = tempDir();
    const pick = (label: string, cls: string, n: number) =>
      demoLabels.filter((r) => r.label === label && r.cls === cls).slice(0, n);
    const chosen = [...pick('ok', '', 3), ...pick('defect', 'crack', 2), ...pick('defect', 'blowhole', 1)];
    for (const r of chosen) {
      const folder = path.join(
        root,
        `MT_${r.cls ? r.cls[0]!.toUpperCase() + r.cls.slice(1) : 'Free'}`,
        'Imgs',
      );
      fs.mkdirSync(folder, { recursive: true });
      fs.copyFileSync(path.join(DEMO_IMAGES_DIR, r.file), path.join(folder, r.file));
      const meta = await sharp(path.join(DEMO_IMAGES_DIR, r.file)).metadata();
      // OK images get empty masks; defective ones a mask over the whole tile, so any peak hits.
      const value = r.cls ? 255 : 0;
      await sharp(Buffer.alloc(meta.width * meta.height, value), {
        raw: { width: meta.width, height: meta.height, channels: 1 },
      })
        .png()
        .toFile(path.join(folder, r.file.replace('.jpg', '.png')));
    }
    const out = path.join(tempDir(), 'eval.json');
    const run = loupe('eval', '--images', root, '--out', out);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/image AUROC/);
    expect(run.stderr).toMatch(/evaluating 6\/6/);
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(report).toMatchObject({ n: 6, n_defect: 3, n_ok: 3, errors: [] });
    expect(report.highlight_hit_rate).toMatchObject({ radius_px: 15, x: 3, n: 3, value: 1 });
    expect(report.defect_type_accuracy.n).toBe(3);
    expect(report.image_auroc).toBeGreaterThanOrEqual(0);
    expect(report.confusion_matrix.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(6);
    expect(report.calibration.expected_calibration_error).toBeGreaterThanOrEqual(0);
  });
});
