import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { closeServer, createHttpServer } from '../server/httpServer.js';
import { startServices } from '../services/app.js';
import { consoleLogger } from './logger.js';
import { DEMO_IMAGES_DIR, INFERENCE_WORKER, MODELS_DIR, RENDERER_DIR } from './paths.js';

export type ServeOptions = {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  modelId?: string;
  hotFolder?: string;
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `loupe serve`: the station in a browser, on loopback unless told otherwise. */
export async function serve(options: ServeOptions): Promise<void> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`the user interface is not built (${RENDERER_DIR} is missing); run \`npm run build\``);
  }
  if (!LOOPBACK.has(options.host)) {
    console.warn(
      `warning: listening on ${options.host}; anyone who can reach it and has the token can use this station`,
    );
  }
  const services = await startServices({
    dataDir: options.dataDir,
    modelsDir: MODELS_DIR,
    demoImagesDir: options.demo ? DEMO_IMAGES_DIR : null,
    modelId: options.modelId,
    hotFolder: options.hotFolder,
    logger: consoleLogger(),
    inferenceWorker: INFERENCE_WORKER,
  });
  const token = randomBytes(24).toString('base64url');
  const serverOptions = { host: options.host, port: options.port, token, rendererDir: RENDERER_DIR };
  const server = createHttpServer(services, serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} is already in use; pass --port N (0 picks a free port)`)
          : err,
      );
    });
    server.listen(options.port, options.host, () => resolve());
  }).catch(async (err: unknown) => {
    await services.close();
    throw err;
  });
  const address = server.address();
  if (address && typeof address === 'object') serverOptions.port = address.port;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  console.log(`Loupe data folder: ${services.dataDir}`);
  console.log(`Loupe is serving at http://${shownHost}:${serverOptions.port}/#token=${token}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping Loupe`);
    void closeServer(server)
      .then(() => services.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
