// Finds the Electron binary WITHOUT require('electron'): since Electron 42 that require downloads the
// binary on first use, which hangs or fails offline. Shared by `npm start` (scripts/start.mjs) and the
// Electron end-to-end specs (e2e/electron), so both decide the same way and give the same reason.
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron');

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * @returns {{ path: string, source: string } | { path: null, reason: string }}
 * Order: FLOWDESK_ELECTRON, ELECTRON_EXEC_PATH (a binary you installed yourself), then the electron
 * package's own download (node_modules/electron/path.txt + dist/, or ELECTRON_OVERRIDE_DIST_PATH).
 */
export function findElectronBinary(env = process.env) {
  for (const name of ['FLOWDESK_ELECTRON', 'ELECTRON_EXEC_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (executable(value)) return { path: resolve(value), source: name };
    return { path: null, reason: `${name}=${value} is not an executable file` };
  }
  if (!existsSync(join(ELECTRON_DIR, 'package.json'))) {
    return { path: null, reason: 'the electron package is not installed (run npm install)' };
  }
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) {
    return { path: null, reason: 'node_modules/electron holds no binary: Electron downloads it on first use, and that needs the network; FLOWDESK_ELECTRON can name one you have' };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const dist = env.ELECTRON_OVERRIDE_DIST_PATH || join(ELECTRON_DIR, 'dist');
  const full = join(dist, relative);
  if (executable(full)) return { path: full, source: 'node_modules/electron' };
  return { path: null, reason: `${full} is missing or not executable` };
}

export function electronVersion() {
  return JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')).version;
}

/**
 * Asks the electron package to download its binary (what require('electron') would do), quietly and
 * bounded. Offline this fails within a second; `onSlow` fires once if it is really downloading.
 * @returns {Promise<boolean>} whether a binary is there afterwards
 */
export async function downloadElectronBinary({ timeoutMs = 180_000, onSlow } = {}) {
  const installer = join(ELECTRON_DIR, 'install.js');
  if (!existsSync(installer)) return false;
  await new Promise((resolveDone) => {
    const child = spawn(process.execPath, [installer], { cwd: ELECTRON_DIR, stdio: 'ignore' });
    const slow = setTimeout(() => onSlow?.(), 2000);
    const limit = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', () => {
      clearTimeout(slow);
      clearTimeout(limit);
      resolveDone();
    });
    child.on('error', () => resolveDone());
  });
  return findElectronBinary().path !== null;
}
