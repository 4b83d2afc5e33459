// Electron main entry (built to out/main/index.js). Only Electron runs this file, so it is the one
// place in main that imports 'electron'; everything it wires is a plain module tested in Node.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, net, protocol, screen, session, utilityProcess } from 'electron';
import { startDesktop } from './desktop';
import { bindIpc } from './ipc';
import { menuTemplate } from './menu';
import { findNativeBinding, packagedEsbuildBinary } from './native-binding';
import { APP_SCHEME_PRIVILEGES, hardenSession, isTrustedUrl, registerAppProtocol } from './security';
import { createUtilityHost } from './utility-host';
import { createMainWindow } from './window';

// Must happen before 'ready'.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
// With FLOWDESK_DATA_DIR (tests, side-by-side profiles) Chromium's profile and the single-instance
// lock move into it too (DIR/electron), so two apps on two data folders never block each other.
if (process.env.FLOWDESK_DATA_DIR) {
  const profile = join(resolve(process.env.FLOWDESK_DATA_DIR), 'electron');
  mkdirSync(profile, { recursive: true }); // setPath throws for a folder that does not exist
  app.setPath('userData', profile);
}

// esbuild reads ESBUILD_BINARY_PATH when it is first loaded, so the engine (which loads it) is
// imported only after this is set.
if (app.isPackaged && !process.env.ESBUILD_BINARY_PATH) {
  const esbuildBinary = packagedEsbuildBinary(process.resourcesPath);
  if (esbuildBinary) process.env.ESBUILD_BINARY_PATH = esbuildBinary;
}

const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererDir = join(__dirname, '../renderer');
const preload = join(__dirname, '../preload/index.cjs');
// Development only: packaged apps take their icon from the installer (electron-builder).
const devIcon = join(app.getAppPath(), 'resources/icons/icon.png');
const icon = !app.isPackaged && existsSync(devIcon) ? devIcon : undefined;

let hardened = false;
function harden(): void {
  if (hardened) return;
  hardened = true;
  registerAppProtocol(protocol, net, rendererDir);
  hardenSession(session.defaultSession, devUrl);
}

startDesktop({
  app,
  createEngine: async (options) => (await import('../core/engine')).createEngine(options),
  engineOptions: {
    workerEntry: join(__dirname, 'worker.js'),
    host: createUtilityHost(utilityProcess, {
      onFatalError: (name, type, location) => console.error(`[flowdesk] worker ${name}: ${type} at ${location}`)
    }),
    nativeBinding: findNativeBinding({ isPackaged: app.isPackaged, appPath: app.getAppPath(), resourcesPath: process.resourcesPath })
  },
  createWindow: (state) => {
    harden();
    return createMainWindow(BrowserWindow, state, { preload, devUrl, icon });
  },
  bindIpc: (handlers) =>
    bindIpc(ipcMain, handlers, {
      isTrustedSender: (url) => isTrustedUrl(url, devUrl),
      onInternalError: (name, e) => console.error(`[flowdesk] ${name} failed:`, e)
    }),
  displays: () => screen.getAllDisplays().map((d) => d.workArea),
  installMenu: (send) => Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, send))),
  // Loaded only when the setting is on: the desktop app does not open a port by default.
  startServer: async ({ engine, token, port, staticDir }) => {
    const { startServer } = await import('../server/server');
    return startServer({ engine, token, port, staticDir });
  },
  staticDir: rendererDir
}).catch((e: unknown) => {
  console.error('[flowdesk] startup failed:', e);
  app.exit(1);
});
