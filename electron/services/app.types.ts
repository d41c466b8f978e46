import type { EventName, EventPayload, Handlers } from '../shared/contract.js';
import type { Logger } from './dispatch.js';
import type { PdfRenderer } from './reports/pdf.js';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export type ItemImage = { contentType: string; data: Buffer };

/** Everything a transport (Electron IPC or the HTTP server) needs from the running services. */
export interface AppServices {
  handlers: Handlers;
  /** Subscribes to every service event; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** The image of an item in a form a browser can display (TIFF is converted to PNG). */
  readItemImage(itemId: number): Promise<ItemImage>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Folder holding loupe.db and the image store; created when missing. */
  dataDir: string;
  /** Folder with one sub-folder per model (each with manifest.json and model.onnx). */
  modelsDir: string;
  /** Imported once when the database is new and empty; null to skip. */
  demoImagesDir?: string | null;
  /** Station name recorded on every item; defaults to the host name. */
  station?: string;
  logger?: Logger;
  /** Prints report HTML to PDF; the desktop app passes Electron's printToPDF, others use Chromium. */
  pdfRenderer?: PdfRenderer;
  /**
   * The built inference worker (dist/worker/inference.cjs). Given, the model runs on worker
   * threads and the event loop stays free while images are scored; absent, it runs in-thread.
   */
  inferenceWorker?: string;
}
