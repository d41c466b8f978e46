import type { LoupeApi } from '../electron/shared/contract';

declare global {
  interface Window {
    /** Set by the Electron preload bridge; absent in a browser (serve mode). */
    loupe?: LoupeApi;
  }
}

export {};
