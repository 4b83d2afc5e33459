// The desktop app's startup and shutdown sequence, as a plain function of its Electron pieces (the app,
// a window factory, the IPC binding) and an engine factory. index.ts passes the real ones; a plain-Node
// test passes fakes for the Electron parts and the real engine, and runs this very sequence.
//
// Startup: single-instance lock -> ready -> data folder -> engine (database opened and migrated,
// workers started) -> IPC bound -> window created hidden, loaded, then shown. The engine comes first
// so the window never shows a UI whose calls fail; if it cannot start, the window shows a readable
// error page instead. Shutdown: 'before-quit' is held (preventDefault) until the window state is saved
// and the engine has closed (stop claiming, grace for running jobs, stop workers, close the database),
// then app.exit() ends the process.
import { mkdirSync } from 'node:fs';
import type { Handlers } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { MenuCommand } from '../../shared/preload-api';
import { IPC_MENU_CHANNEL } from '../../shared/preload-api';
import type { Engine, EngineOptions } from '../core/engine-types';
import { forwardEvents, type EventTargetLike } from './ipc';
import { loadOrCreateToken, loadSettings, resolveDataDir } from './settings';
import { describeStartupError, type StartupErrorPage } from './startup-error';
import { loadWindowState, saveWindowState, type Rect, type WindowState } from './window-state';

/** The part of Electron's `app` the sequence uses. */
export interface AppLike {
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  getPath(name: 'userData'): string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
  quit(): void;
  exit(exitCode?: number): void;
}

/** What the sequence needs from a BrowserWindow (index.ts adapts the real one). */
export interface DesktopWindow {
  readonly webContents: EventTargetLike;
  loadApp(): Promise<void>;
  loadError(page: StartupErrorPage): Promise<void>;
  show(): void;
  /** Bring to front (restoring it if minimised): a second launch lands here. */
  focus(): void;
  /** Current bounds, or null once destroyed. */
  currentState(): WindowState | null;
  /** Called when the user closes the window, while it still exists. */
  onClose(listener: () => void): void;
}

export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

export interface DesktopDeps {
  app: AppLike;
  env?: NodeJS.ProcessEnv;
  createEngine(options: EngineOptions): Promise<Engine>;
  /** Everything but dataDir: workerEntry, host (utilityProcess), nativeBinding. */
  engineOptions: Omit<EngineOptions, 'dataDir'>;
  createWindow(state: WindowState): DesktopWindow;
  /** Binds the contract to ipcMain; returns the unbind. */
  bindIpc(handlers: Handlers): () => void;
  /** Work areas of the connected displays, to drop a remembered position that is off-screen. */
  displays?(): Rect[];
  /** Installs the application menu; its commands go to the window over IPC_MENU_CHANNEL. */
  installMenu?(send: (command: MenuCommand) => void): void;
  /** The local HTTP API, started only when the setting is on. */
  startServer?(options: { engine: Engine; token: string; port: number; staticDir?: string }): Promise<RunningApi>;
  staticDir?: string;
  /** How long running jobs may finish on quit (default 5000). */
  graceMs?: number;
  log?(line: string): void;
}

export type DesktopStatus = 'second-instance' | 'running' | 'failed';

export interface DesktopSession {
  status: DesktopStatus;
  dataDir?: string;
  engine?: Engine;
  window?: DesktopWindow;
  api?: RunningApi;
  error?: StartupErrorPage;
  /** Settles when shutdown has finished and app.exit() was called. */
  readonly exited: Promise<number>;
}

export async function startDesktop(deps: DesktopDeps): Promise<DesktopSession> {
  const { app } = deps;
  const log = deps.log ?? ((line: string) => console.log(line));
  let signalExited!: (code: number) => void;
  const exited = new Promise<number>((resolve) => (signalExited = resolve));
  const session: DesktopSession = { status: 'running', exited };

  // A second launch hands over to the first (which focuses its window) and leaves: two engines on
  // one database would fight over the same jobs.
  if (!app.requestSingleInstanceLock()) {
    session.status = 'second-instance';
    app.quit();
    return session;
  }
  app.on('second-instance', () => session.window?.focus());
  // Closing the last window quits on every platform: the engine lives in this process, and a
  // windowless app that keeps running jobs would surprise people.
  app.on('window-all-closed', () => app.quit());

  let shutdown: Promise<void> | null = null;
  const stops: Array<() => void> = [];
  app.on('before-quit', (event: { preventDefault(): void }) => {
    if (session.status !== 'running' || !session.engine) return; // nothing to close: quit at once
    event.preventDefault();
    shutdown ??= closeAll(session, stops, deps, log).then((code) => {
      app.exit(code);
      signalExited(code);
    });
  });

  await app.whenReady();
  const env = deps.env ?? process.env;
  const dataDir = resolveDataDir(app.getPath('userData'), env);
  session.dataDir = dataDir;

  try {
    mkdirSync(dataDir, { recursive: true });
    session.engine = await deps.createEngine({ ...deps.engineOptions, dataDir });
  } catch (e) {
    session.status = 'failed';
    session.error = describeStartupError(e, dataDir);
    log(`Flowdesk could not start: ${session.error.error.code}: ${session.error.error.message}`);
    const window = deps.createWindow({ ...loadWindowState(dataDir, deps.displays?.()) });
    session.window = window;
    await window.loadError(session.error);
    window.show();
    // No engine to close: the first quit ends the process.
    app.on('will-quit', () => signalExited(1));
    return session;
  }

  const engine = session.engine;
  const unbind = deps.bindIpc(engine.handlers);
  const window = deps.createWindow(loadWindowState(dataDir, deps.displays?.()));
  session.window = window;
  const stopEvents = forwardEvents(engine.events, () => (session.window === window ? window.webContents : null));
  stops.push(stopEvents, unbind);
  window.onClose(() => rememberWindow(window, dataDir));
  deps.installMenu?.((command) => {
    if (!window.webContents.isDestroyed()) window.webContents.send(IPC_MENU_CHANNEL, command);
  });

  const settings = loadSettings(dataDir, env);
  if (settings.httpApi.enabled && deps.startServer) {
    try {
      const token = loadOrCreateToken(dataDir, env);
      session.api = await deps.startServer({ engine, token, port: settings.httpApi.port, staticDir: deps.staticDir });
      log(`Flowdesk API ready at ${session.api.url}`);
    } catch (e) {
      // The desktop app works without it; say why the scripts' API is missing.
      log(`Flowdesk API not started: ${(e as Error).message}`);
    }
  }

  try {
    await window.loadApp();
  } catch (e) {
    // The engine is fine but the UI files are not (an unbuilt or broken out/renderer): say so, and
    // keep the orderly quit path.
    const page = describeStartupError(new AppError('INTERNAL', `The user interface could not be loaded: ${(e as Error).message}`), dataDir);
    page.steps.unshift('Run `npm run build` in the project folder, then start Flowdesk again.');
    log(`Flowdesk UI failed to load: ${(e as Error).message}`);
    await window.loadError(page);
  }
  window.show();
  return session;
}

function rememberWindow(window: DesktopWindow, dataDir: string): void {
  const state = window.currentState();
  if (!state) return;
  try {
    saveWindowState(dataDir, state);
  } catch {
    // A read-only data folder must not block quitting.
  }
}

/** Orderly close; answers the exit code. A hung close is cut off so quitting always ends. */
async function closeAll(session: DesktopSession, stops: Array<() => void>, deps: DesktopDeps, log: (line: string) => void): Promise<number> {
  const graceMs = deps.graceMs ?? 5000;
  if (session.window && session.dataDir) rememberWindow(session.window, session.dataDir);
  // The window stops hearing events and calling the engine before the engine goes away.
  for (const stop of stops) stop();
  let code = 0;
  let timer: NodeJS.Timeout | undefined;
  const cutoff = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), graceMs + 10_000)));
  try {
    await session.api?.close();
    const result = await Promise.race([session.engine!.close({ graceMs }).then(() => 'closed' as const), cutoff]);
    if (result === 'timeout') {
      log(`Flowdesk: the engine did not close within ${graceMs + 10_000} ms; exiting anyway`);
      code = 1;
    }
  } catch (e) {
    log(`Flowdesk: error while closing: ${(e as Error).message}`);
    code = 1;
  } finally {
    clearTimeout(timer);
  }
  return code;
}
