import fs from 'node:fs';
import path from 'node:path';
import { DEMO_IMAGES_DIR } from '../../electron/cli/paths.js';
import { loupeOk } from '../node/helpers/cli.js';
import { tempDir } from '../node/helpers/tmp.js';

export const SUPERVISOR_PASSWORD = 'line-2-supervisor';

/** Runs the real `loupe` command; throws with its output when it fails. */
export function loupe(args: string[], env: Record<string, string> = {}): string {
  return loupeOk(args, { env });
}

/** A folder with `count` of the bundled demo tile images. */
export function demoFolder(count: number): string {
  const folder = tempDir('loupe-e2e-images-');
  for (const name of fs
    .readdirSync(DEMO_IMAGES_DIR)
    .filter((n) => n.endsWith('.jpg'))
    .sort()
    .slice(0, count)) {
    fs.copyFileSync(path.join(DEMO_IMAGES_DIR, name), path.join(folder, name));
  }
  return folder;
}

/** The model's defect probability for every image in the folder, from `loupe predict`. */
export function predictedProbabilities(folder: string): Map<string, number> {
  const out = path.join(tempDir(), 'p.jsonl');
  loupe(['predict', '--images', folder, '--out', out]);
  const lines = fs
    .readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { file: string; defect_probability: number });
  return new Map(lines.map((l) => [l.file, l.defect_probability]));
}

/** A data folder provisioned as a plant would: supervisor, policy, then images imported. */
export function provisionStation(policyArgs: string[], images: string): string {
  const data = tempDir('loupe-e2e-station-');
  loupe(['supervisor', 'init', '--password', SUPERVISOR_PASSWORD, '--data', data]);
  loupe(['policy', 'set', '--data', data, ...policyArgs, '--reason', 'end-to-end test setup'], {
    LOUPE_SUPERVISOR_PASSWORD: SUPERVISOR_PASSWORD,
  });
  loupe(['import', '--images', images, '--data', data]);
  return data;
}
