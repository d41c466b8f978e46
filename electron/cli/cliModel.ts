import path from 'node:path';
import { DEFAULT_MODEL_ID } from '../services/inference/champion.js';
import type { LoadedModel } from '../services/inference/modelRunner.js';
import { loadModelInWorkers } from '../services/inference/modelWorkers.js';
import { INFERENCE_WORKER, MODELS_DIR } from './paths.js';

/** The model a scoring command asked for (default: the default model), on worker threads. */
export function loadCliModel(modelId: string | undefined): Promise<LoadedModel> {
  return loadModelInWorkers(path.join(MODELS_DIR, modelId ?? DEFAULT_MODEL_ID), { script: INFERENCE_WORKER });
}
