import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../../electron/cli/paths.js';
import { tempDir } from './tmp.js';

/**
 * A history CSV (file,label,class,inspector,decided_at) of the demo images with their labels
 * from demo/labels.csv, the inspector and time of row `i` from `who(i)`; returns its path.
 */
export function demoHistoryCsv(who: (i: number) => { inspector: string; decidedAt: string }): string {
  const lines = fs
    .readFileSync(path.join(APP_ROOT, 'demo', 'labels.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  const csv = [
    'file,label,class,inspector,decided_at',
    ...lines.map((l, i) => {
      const { inspector, decidedAt } = who(i);
      return `${l},${inspector},${decidedAt}`;
    }),
  ];
  const file = path.join(tempDir(), 'history.csv');
  fs.writeFileSync(file, csv.join('\n'));
  return file;
}
