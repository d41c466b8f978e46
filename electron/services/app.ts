import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { DB_FILE_NAME, openDatabase } from '../../db/open.js';
import { AuditRepo } from '../../db/repos/audit.js';
import { DecisionsRepo } from '../../db/repos/decisions.js';
import { ItemsRepo } from '../../db/repos/items.js';
import { ModelsRepo } from '../../db/repos/models.js';
import { PoliciesRepo } from '../../db/repos/policies.js';
import { PredictionsRepo } from '../../db/repos/predictions.js';
import { RoutesRepo } from '../../db/repos/routes.js';
import { SettingsRepo } from '../../db/repos/settings.js';
import { SupervisorsRepo } from '../../db/repos/supervisors.js';
import type { AppServices, StartOptions } from './app.types.js';
import type { Logger } from './dispatch.js';
import { loadModelInWorkers } from './inference/modelWorkers.js';
import { notFound } from './errors.js';
import { EventBus } from './events.js';
import { createHandlers } from './handlers.js';
import { toBrowserImage } from './imaging/decode.js';
import { DEFAULT_MODEL_ID, loadChampion } from './inference/champion.js';
import { loadManifest } from './inference/manifest.js';
import type { ModelManifest } from './inference/manifest.js';
import { ShadowInference } from './inference/shadowInference.js';
import { HotFolderWatcher } from './ingest/hotFolder.js';
import { ImageStore } from './ingest/imageStore.js';
import { ImportJobs } from './ingest/importJobs.js';
import { ingestFile } from './ingest/ingestFile.js';
import { UNSUPPORTED_REASON } from './ingest/scan.js';
import { importHistory } from './history/historyImport.js';
import type { HistoryResult } from './history/historyImport.js';
import { PolicyService } from './policy/policyService.js';
import { ReviewService } from './review/reviewService.js';
import { routeScoredItem } from './routing/router.js';
import { WhatIfService } from './whatif/whatIfService.js';
import { buildReport } from './reports/buildReport.js';
import { exportReport } from './reports/exportReport.js';
import { chromiumPdf } from './reports/pdf.js';

/** Used when no model could be loaded, so inspectors can still record defect classes. */
const FALLBACK_DEFECT_CLASSES = ['blowhole', 'break', 'crack', 'fray', 'uneven'];

export type RunningServices = AppServices & {
  /** Settles when imports and scoring queued so far are finished (CLI and tests). */
  idle(): Promise<void>;
  importFolder(folder: string): ReturnType<ImportJobs['start']>;
  dataDir: string;
  /** For provisioning from the command line (supervisor init, policy set). */
  policy: PolicyService;
  /** Labelled past inspections (CSV) for a backtest; all or nothing. */
  importHistory(
    imagesDir: string,
    csvText: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<HistoryResult>;
};

/** Opens the data folder, loads the champion model and wires every service together. */
export type ExtraStartOptions = {
  modelId?: string;
  /** Watch this folder (and remember it) instead of the saved hot folder. */
  hotFolder?: string;
  /** False for one-shot commands, which must not start taking files from the hot folder. */
  watchHotFolder?: boolean;
  /**
   * False for one-shot commands (supervisor, policy, audit): no model is loaded and nothing is
   * scored, routed, imported or watched, so they never write predictions or routes, e.g. beside
   * a running `loupe serve`. Defect classes and the default band come from the manifest alone.
   */
  background?: boolean;
};

/** The champion's manifest without its model, for one-shot commands; null (logged) when unreadable. */
function manifestOnly(modelDir: string, log: Pick<Logger, 'error'>): ModelManifest | null {
  try {
    return loadManifest(modelDir);
  } catch (err) {
    log.error(`model manifest not loaded: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

export async function startServices(options: StartOptions & ExtraStartOptions): Promise<RunningServices> {
  const log = options.logger ?? console;
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DB_FILE_NAME));
  const items = new ItemsRepo(db);
  const decisions = new DecisionsRepo(db);
  const predictions = new PredictionsRepo(db);
  const settings = new SettingsRepo(db);
  const audit = new AuditRepo(db);
  const routes = new RoutesRepo(db);
  const policies = new PoliciesRepo(db);
  const store = new ImageStore(dataDir);
  const bus = new EventBus();
  const isNewDatabase = items.isEmpty();

  const station = options.station ?? settings.get<string>('station') ?? os.hostname();
  const modelId = options.modelId ?? settings.get<string>('champion_model') ?? DEFAULT_MODEL_ID;
  const { inferenceWorker } = options;
  const background = options.background !== false;
  const modelDir = path.join(options.modelsDir, modelId);
  const champion = background
    ? await loadChampion(
        modelDir,
        new ModelsRepo(db),
        inferenceWorker ? (dir) => loadModelInWorkers(dir, { script: inferenceWorker }) : undefined,
      )
    : null;
  if (champion && !champion.ok) log.error(`model not loaded: ${champion.error}`);
  const model = champion?.ok ? champion.model : null;
  const manifest = model ? model.loaded.manifest : background ? null : manifestOnly(modelDir, log);

  const defectClasses = (): string[] =>
    manifest ? manifest.labels.filter((l) => l !== manifest.okLabel) : FALLBACK_DEFECT_CLASSES;
  const policy = new PolicyService({
    db,
    station,
    policies,
    supervisors: new SupervisorsRepo(db),
    audit,
    defectClasses,
    defaultBand: () => {
      const t = manifest?.thresholds;
      return t ? { t_ok: t.t_ok, t_defect: t.t_defect } : { t_ok: 0.2, t_defect: 0.8 };
    },
    onChanged: (p) => {
      bus.emit('policy:changed', p);
      bus.dbChanged('policies');
    },
  });
  policy.current();
  const routerDeps = {
    items,
    predictions,
    routes,
    decisions,
    policy,
    modelName: () => (model ? `model:${model.loaded.manifest.id}@${model.loaded.manifest.version}` : 'model'),
  };

  const shadow = model
    ? new ShadowInference({
        db,
        items,
        predictions,
        store,
        model: model.loaded,
        modelVersionId: model.versionId,
        onPredicted: () => bus.dbChanged('items', 'predictions', 'decisions'),
        route: (itemId) => routeScoredItem(routerDeps, itemId),
        log: (message, err) => log.error(message, err),
      })
    : null;

  const ingestDeps = {
    items,
    store,
    station,
    onAccepted: (itemId: number, pixels: Parameters<ShadowInference['enqueue']>[1]) =>
      shadow?.enqueue(itemId, pixels),
  };
  const imports = new ImportJobs({
    ...ingestDeps,
    onProgress: (p) => bus.emit('ingest:progress', p),
    onItemsChanged: () => bus.dbChanged('items'),
    waitForCapacity: () => shadow?.waitForCapacity() ?? Promise.resolve(),
    log: (m) => log.error(m),
  });
  const hotFolder = new HotFolderWatcher({
    ingest: async (file, unsupported) => {
      await shadow?.waitForCapacity();
      const outcome = await ingestFile(
        ingestDeps,
        file,
        'hot_folder',
        unsupported ? UNSUPPORTED_REASON : null,
      );
      if (outcome.kind === 'unreadable') log.error(outcome.reason);
      if (outcome.kind !== 'duplicate') bus.dbChanged('items');
    },
    log: (m) => log.error(m),
    onStateChange: () => bus.dbChanged('settings'),
  });
  const review = new ReviewService({
    db,
    items,
    decisions,
    predictions,
    routes,
    policies,
    policy,
    defectClasses,
    onChanged: () => bus.dbChanged('decisions', 'items'),
  });

  const handlers = createHandlers({
    info: () => ({
      version: packageJson.version,
      dataDir,
      station,
      automationLevel: policy.current().level,
      defectClasses: defectClasses(),
      model: model
        ? {
            id: model.loaded.manifest.id,
            version: model.loaded.manifest.version,
            sha256: model.loaded.sha256,
          }
        : null,
      modelError: !champion || champion.ok ? null : champion.error,
    }),
    items,
    decisions,
    review,
    imports,
    hotFolder,
    saveHotFolder: (folder) => {
      const previous = settings.get<string | null>('hot_folder') ?? null;
      settings.set('hot_folder', folder);
      audit.append('station', 'hot_folder.set', { old: previous, new: folder });
    },
    policy,
    whatIf: new WhatIfService(db),
    audit,
    reports: {
      summary: (input) =>
        buildReport(db, {
          ...input,
          generatedBy: `station ${station}`,
          auditHead: audit.head(),
        }),
      async export({ format, from, to }) {
        const folder = path.join(dataDir, 'exports');
        fs.mkdirSync(folder, { recursive: true });
        const stamp = new Date().toISOString().replace(/[:.]/g, '-');
        const out = path.join(folder, `loupe-report-${stamp}.${format}`);
        const result = await exportReport(db, {
          format,
          out,
          filters: { from, to },
          generatedBy: `station ${station}`,
          pdf: options.pdfRenderer ?? chromiumPdf,
        });
        return { file: result.file, rows: result.rows, sha256: result.sha256 };
      },
    },
  });

  if (background) {
    // Items scored before routing existed, or before a crash between scoring and routing, are
    // routed now. Only unrouted ones are selected: the queue of routed items can be huge.
    if (model)
      db.transaction(() => items.predictedWithoutRoute().forEach((id) => routeScoredItem(routerDeps, id)))();
    // Items accepted before a restart (or while no model was loaded) are scored now.
    for (const row of items.withStatus('pending')) shadow?.enqueue(row.id);
    if (options.hotFolder) await handlers['hotFolder:set']({ path: options.hotFolder });
    const savedHotFolder = settings.get<string | null>('hot_folder') ?? null;
    if (savedHotFolder && !options.hotFolder && options.watchHotFolder !== false)
      void hotFolder.setPath(savedHotFolder);
    if (isNewDatabase && options.demoImagesDir && fs.existsSync(options.demoImagesDir)) {
      log.info(`new data folder: importing the demo images from ${options.demoImagesDir}`);
      imports.start(options.demoImagesDir);
    }
  }

  return {
    dataDir,
    policy,
    handlers,
    onEvent: (listener) => bus.on(listener),
    async readItemImage(itemId) {
      const row = items.get(itemId);
      if (!row?.stored_path) throw notFound(`image of item ${itemId}`);
      return toBrowserImage(await store.read(row.stored_path));
    },
    importFolder: (folder) => imports.start(folder),
    async importHistory(imagesDir, csvText, onProgress) {
      const result = await importHistory(
        {
          db,
          items,
          predictions,
          decisions,
          store,
          model,
          station,
          defectClasses: defectClasses(),
          onProgress,
        },
        imagesDir,
        csvText,
      );
      if (result.ok) bus.dbChanged('items', 'predictions', 'decisions');
      return result;
    },
    async idle() {
      await imports.idle();
      await shadow?.idle();
      bus.flush();
    },
    async close() {
      await hotFolder.stop();
      await imports.close();
      await shadow?.close();
      await model?.loaded.close();
      bus.flush();
      db.close();
    },
  };
}
