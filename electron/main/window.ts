import { BrowserWindow } from 'electron';
import { APP_ENTRY_URL, secureWebPreferences } from './policy.js';

/** Matches the renderer's dark theme so the window does not flash white before first paint. */
const BACKGROUND = '#111317';

export type WindowOptions = { preload: string; devTools: boolean };

/**
 * The one review window. It loads the renderer from app://loupe (never file://, which would
 * grant the page the whole file system's origin) and shows itself once painted.
 */
export function createMainWindow({ preload, devTools }: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: BACKGROUND,
    title: 'Loupe',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences({ preload, devTools }),
  });
  win.once('ready-to-show', () => win.show());
  return win;
}

export async function loadRenderer(win: BrowserWindow): Promise<void> {
  await win.loadURL(APP_ENTRY_URL);
}
