/**
 * Channel and event names and transport constants, without zod, for code that must stay small
 * (the sandboxed preload bundles everything it imports). contract.ts checks at compile time
 * that these lists match its channel and event tables exactly.
 */
export const CHANNEL_NAMES = [
  'app:info',
  'inspectors:list',
  'queue:next',
  'review:decide',
  'review:undo',
  'items:quarantined',
  'ingest:listFolders',
  'ingest:importFolder',
  'ingest:status',
  'hotFolder:get',
  'hotFolder:set',
  'stats:summary',
  'supervisor:status',
  'supervisor:verify',
  'policy:get',
  'policy:set',
  'whatif:compute',
  'whatif:distribution',
  'reports:summary',
  'reports:export',
  'audit:list',
  'audit:verify',
] as const;

export const EVENT_NAMES = ['db:changed', 'ingest:progress', 'policy:changed'] as const;

/** HTTP transport constants shared by the server and the renderer's HTTP client. */
export const HTTP = {
  apiPrefix: '/api/',
  eventsPath: '/events',
  mediaPrefix: '/media/items/',
  tokenHeader: 'authorization',
  tokenQuery: 'token',
} as const;

/** Electron transport constants shared by main, preload and the renderer. */
export const IPC = {
  invoke: 'loupe:invoke',
  event: 'loupe:event',
  mediaScheme: 'loupe-media',
} as const;
