import fs from 'node:fs';
import path from 'node:path';
import { evaluateFolder } from '../services/evaluation/evaluate.js';
import { requireFolder } from '../services/ingest/folders.js';
import { loadCliModel } from './cliModel.js';
import { progressLine } from './progress.js';

export type EvalOptions = { images: string; out: string; modelId?: string };

const pct = (v: number | null): string => (v === null ? 'n/a' : `${(v * 100).toFixed(1)} %`);

/** `loupe eval`: the model's figures on a labelled folder in the dataset's layout. */
export async function evalCommand(options: EvalOptions): Promise<number> {
  const root = await requireFolder(path.resolve(options.images));
  const model = await loadCliModel(options.modelId);
  const progress = progressLine(process.stderr);
  try {
    const report = await evaluateFolder(model, root, (done, total) =>
      progress.update(`evaluating ${done}/${total}`),
    );
    progress.done();
    fs.writeFileSync(path.resolve(options.out), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `${report.model.id}@${report.model.version} on ${report.n} images (${report.n_defect} defective):`,
    );
    console.log(`  image AUROC                      ${report.image_auroc?.toFixed(4) ?? 'n/a'}`);
    console.log(`  recall at ≤ 5 % false reject     ${pct(report.recall_at_max_false_reject.recall.value)}`);
    console.log(`  defect-type accuracy             ${pct(report.defect_type_accuracy.value)}`);
    console.log(`  highlight hit rate (15 px)       ${pct(report.highlight_hit_rate.value)}`);
    console.log(
      `  expected calibration error       ${report.calibration.expected_calibration_error?.toFixed(4) ?? 'n/a'}`,
    );
    if (report.errors.length) console.log(`  unreadable files                 ${report.errors.length}`);
    console.log(`wrote ${path.resolve(options.out)}`);
    return 0;
  } finally {
    await model.close();
  }
}
