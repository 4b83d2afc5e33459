// Launching the real desktop app under Playwright, and the one place the Electron specs get their UI
// locators: they reuse the browser specs' page objects (e2e/pages), so a renamed button is fixed once
// for both. Binary detection is scripts/electron-binary.mjs, the same code `npm start` uses; it runs
// in a plain Node child because Playwright's TypeScript loader cannot load that ES module.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, expect, type ElectronApplication, type Page } from '@playwright/test';
import { AppPage } from '../pages/app.page';
import { EditorPage } from '../pages/editor.page';
import { MonitorPage } from '../pages/monitor.page';
import { QueuesPage } from '../pages/queues.page';
import { RunPage } from '../pages/run.page';

export const ROOT = resolve(__dirname, '../..');
const HOW_TO = 'run on a machine with network after npm install (see README, "Electron end-to-end tests")';

type Found = { path: string; source: string } | { path: null; reason: string };

function findElectronBinary(): Found {
  const script = `import { findElectronBinary } from './scripts/electron-binary.mjs'; console.log(JSON.stringify(findElectronBinary()));`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })) as Found;
}

/** Why the Electron specs cannot run here, or null when they can. Decided once per worker. */
export async function electronUnavailable(): Promise<string | null> {
  const found = findElectronBinary();
  if (found.path === null) return `Electron binary not available: ${found.reason}; ${HOW_TO}`;
  if (!existsSync(join(ROOT, 'out/main/index.js')) || !existsSync(join(ROOT, 'out/preload/index.cjs'))) {
    return 'the app is not built (out/main/index.js missing); run `npm run build` or `npm test`';
  }
  // --strict: exit 1 unless .electron-native/better_sqlite3.node is there (built now or before).
  const native = spawnSync(process.execPath, ['scripts/electron-native.mjs', '--strict'], { cwd: ROOT, stdio: 'inherit' });
  if (native.status !== 0) return `no Electron build of better-sqlite3 (scripts/electron-native.mjs could not make one); ${HOW_TO}`;
  return null;
}

export function binaryPath(): string {
  const found = findElectronBinary();
  if (found.path === null) throw new Error(`no Electron binary: ${found.reason}`);
  return found.path;
}

export function tempDataDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'flowdesk-electron-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The running desktop app and its window, with the shared page objects. */
export class DesktopApp {
  readonly app: AppPage;
  readonly editor: EditorPage;
  readonly run: RunPage;
  readonly queues: QueuesPage;

  private constructor(
    readonly electron: ElectronApplication,
    readonly page: Page
  ) {
    this.app = new AppPage(page);
    this.editor = new EditorPage(page);
    this.run = new RunPage(page);
    this.queues = new QueuesPage(page);
  }

  static async launch(dataDir: string): Promise<DesktopApp> {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    env.FLOWDESK_DATA_DIR = dataDir;
    const electron = await _electron.launch({ executablePath: binaryPath(), args: [ROOT], cwd: ROOT, env, timeout: 60_000 });
    const page = await electron.firstWindow();
    return new DesktopApp(electron, page);
  }

  monitor(queue: string): MonitorPage {
    return new MonitorPage(this.page, queue);
  }

  /** The app's window shell is up and talking to the engine. */
  async ready(): Promise<void> {
    await expect(this.app.sidebar).toBeVisible({ timeout: 30_000 });
  }

  /** Quits the way a user does (app.quit -> orderly engine close -> exit) and waits for the process to end. */
  async quit(): Promise<number | null> {
    const proc = this.electron.process();
    if (proc.exitCode !== null) return proc.exitCode;
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    // Deferred: the evaluate must answer before the app starts closing.
    await this.electron.evaluate(({ app }) => void setTimeout(() => app.quit(), 0)).catch(() => undefined);
    const code = await exited;
    await this.electron.close().catch(() => undefined);
    return code;
  }

  /** Last resort in afterEach: never leave an app running. */
  kill(): void {
    const proc = this.electron.process();
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
}
