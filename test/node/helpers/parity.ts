import fs from 'node:fs';
import path from 'node:path';
import { APP_ROOT } from '../../../electron/cli/paths.js';
import { decodeGray } from '../../../electron/services/imaging/decode.js';

/** The dataset images and the torch references models/tile-defect-v1/training/parity.py wrote. */
export const PARITY_FIXTURES = path.join(APP_ROOT, 'test', 'fixtures', 'parity');

/** The training recipe's values for one image: decoded pixels, input tensor and model outputs. */
export type ParityImage = {
  file: string;
  label: string;
  width: number;
  height: number;
  pixelSha256: string;
  geometry: { offsetX: number; offsetY: number; contentWidth: number; contentHeight: number; scale: number };
  tensor: {
    dims: number[];
    sum: number;
    sumSq: number;
    min: number;
    max: number;
    sampleIndex: number[];
    sampleValue: number[];
  };
  outputs: {
    defectProbability: number;
    classProbabilities: number[];
    heatmapDims: number[];
    heatmap: number[];
  };
};

export type ParityReference = {
  modelId: string;
  modelVersion: string;
  modelSha256: string;
  images: ParityImage[];
};

/** reference.json (tile-defect-v1) or reference-lite.json (tile-defect-lite). */
export function loadParityReference(file: 'reference.json' | 'reference-lite.json'): ParityReference {
  return JSON.parse(fs.readFileSync(path.join(PARITY_FIXTURES, file), 'utf8')) as ParityReference;
}

/** Decodes a fixture image as the station does. */
export function decodeParityImage(ref: Pick<ParityImage, 'file'>): ReturnType<typeof decodeGray> {
  return decodeGray(fs.readFileSync(path.join(PARITY_FIXTURES, ref.file)));
}
