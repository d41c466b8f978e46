import fs from 'node:fs';
import path from 'node:path';
import { requireFolder } from '../services/ingest/folders.js';
import { listImages, predictFiles } from '../services/inference/folderPredictor.js';
import { loadCliModel } from './cliModel.js';
import { progressLine } from './progress.js';

export type PredictOptions = { images: string; out: string; modelId?: string };

const round = (v: number, digits = 6): number => Number(v.toFixed(digits));

/** `loupe predict`: one JSON line per image under a folder, in file order. */
export async function predictCommand(options: PredictOptions): Promise<number> {
  const root = await requireFolder(path.resolve(options.images));
  const model = await loadCliModel(options.modelId);
  const files = await listImages(root);
  const out = fs.createWriteStream(path.resolve(options.out));
  const progress = progressLine(process.stderr);
  let errors = 0;
  try {
    await predictFiles(model, root, files, {
      onResult(result, index) {
        let line: object;
        if ('error' in result) {
          errors++;
          line = { file: result.file, error: result.error };
        } else {
          const p = result.prediction;
          line = {
            file: result.file,
            defect_probability: round(p.defectProbability),
            predicted_class: p.predictedClass,
            class_probabilities: Object.fromEntries(
              Object.entries(p.classProbabilities).map(([k, v]) => [k, round(v)]),
            ),
            regions: p.regions.map((r) => ({
              x: round(r.x, 1),
              y: round(r.y, 1),
              width: round(r.width, 1),
              height: round(r.height, 1),
              score: round(r.score, 4),
            })),
            peak: p.peak && { x: round(p.peak.x, 1), y: round(p.peak.y, 1) },
            latency_ms: round(p.fullLatencyMs, 3),
          };
        }
        out.write(`${JSON.stringify(line)}\n`);
        progress.update(`predicted ${index + 1}/${files.length}${errors ? ` · ${errors} unreadable` : ''}`);
      },
    });
  } finally {
    progress.done();
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    await model.close();
  }
  console.log(`wrote ${files.length} lines to ${path.resolve(options.out)} (${errors} unreadable)`);
  return 0;
}
