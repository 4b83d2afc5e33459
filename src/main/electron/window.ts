// The main window: a BrowserWindow with every security switch on, adapted to the DesktopWindow the
// startup sequence drives. Only Electron runs this file (it takes the BrowserWindow class as a
// parameter, but index.ts is its only caller).
import type { BrowserWindow as BrowserWindowClass, BrowserWindowConstructorOptions } from 'electron';
import type { DesktopWindow } from './desktop';
import { APP_URL, guardWebContents } from './security';
import { startupErrorUrl } from './startup-error';
import type { WindowState } from './window-state';

export interface WindowOptions {
  preload: string;
  /** `electron-vite dev` serves the renderer here; otherwise app://flowdesk/index.html. */
  devUrl?: string;
  icon?: string;
}

export function createMainWindow(BrowserWindow: typeof BrowserWindowClass, state: WindowState, options: WindowOptions): DesktopWindow {
  const config: BrowserWindowConstructorOptions = {
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 640,
    minHeight: 420,
    title: 'Flowdesk',
    show: false, // shown by the startup sequence once the page has loaded: no white flash, no half UI
    backgroundColor: '#1e1e1e',
    icon: options.icon,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false
    }
  };
  const win = new BrowserWindow(config);
  if (state.maximized) win.maximize();
  guardWebContents(win.webContents, options.devUrl);

  return {
    webContents: {
      send: (channel, ...args) => win.webContents.send(channel, ...args),
      isDestroyed: () => win.isDestroyed() || win.webContents.isDestroyed()
    },
    loadApp: () => win.loadURL(options.devUrl ?? APP_URL),
    loadError: (page) => win.loadURL(startupErrorUrl(page)),
    show: () => win.show(),
    focus: () => {
      if (win.isDestroyed()) return;
      if (win.isMinimized()) win.restore();
      win.focus();
    },
    currentState: () => {
      if (win.isDestroyed()) return null;
      // getNormalBounds: the size to restore to, not the maximised size.
      const b = win.getNormalBounds();
      return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
    },
    onClose: (listener) => void win.on('close', listener)
  };
}
