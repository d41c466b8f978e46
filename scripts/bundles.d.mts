import type { BuildOptions } from 'esbuild';

export declare const OUTPUT: {
  readonly cli: string;
  readonly electronMain: string;
  readonly preload: string;
  readonly inferenceWorker: string;
  readonly renderer: string;
};
export declare const BUILD_OUTPUTS: readonly string[];
export declare const BUILD_SOURCES: readonly string[];
export declare const nodeBundle: BuildOptions;
export declare const inferenceWorkerBundle: BuildOptions;
