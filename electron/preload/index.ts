/**
 * Preload (bundled to dist/electron/preload.cjs, runs sandboxed): only wires the tested bridge to
 * Electron. The renderer sees `window.loupe` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.js';

contextBridge.exposeInMainWorld('loupe', createBridge(ipcRenderer));
