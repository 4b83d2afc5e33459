#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/better_sqlite3.node, leaving
// node_modules/better-sqlite3 (the plain-Node build that `npm test` and serve mode load) untouched.
// The desktop app passes that file to better-sqlite3's `nativeBinding` option.
//
// How: copy the package into .electron-native/work/, then inside the copy try the project's prebuilt
// Electron binary (prebuild-install --runtime electron) and fall back to compiling it (node-gyp
// against Electron's headers). Both need the network; where Electron's headers and GitHub cannot be
// reached this prints one line and skips (exit 0; --strict makes that exit 1, for packaging).
//
// Usage: node scripts/electron-native.mjs [--strict] [--force]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, electronVersion } from './electron-binary.mjs';

export const NATIVE_DIR = join(ROOT, '.electron-native');
export const NATIVE_FILE = join(NATIVE_DIR, 'better_sqlite3.node');
const STAMP = join(NATIVE_DIR, 'stamp.json');
const PKG_DIR = join(ROOT, 'node_modules', 'better-sqlite3');
const HEADERS_URL = 'https://electronjs.org/headers';

const say = (line) => console.log(`[electron-native] ${line}`);

async function reachable(url) {
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(8000) });
    return { ok: res.status < 500, detail: `HTTP ${res.status}` };
  } catch (e) {
    return { ok: false, detail: e.cause?.code ?? e.cause?.message ?? e.message };
  }
}

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_runtime: 'electron' } });
  return r.status === 0;
}

/** @returns {Promise<'built' | 'up-to-date' | 'skipped' | 'failed'>} */
export async function buildElectronNative({ force = false } = {}) {
  const electron = electronVersion();
  const sqlite = JSON.parse(readFileSync(join(PKG_DIR, 'package.json'), 'utf8')).version;
  const want = { electron, betterSqlite3: sqlite, platform: process.platform, arch: process.arch };
  if (!force && existsSync(NATIVE_FILE) && existsSync(STAMP)) {
    const have = JSON.parse(readFileSync(STAMP, 'utf8'));
    if (JSON.stringify(have) === JSON.stringify(want)) {
      say(`better-sqlite3 ${sqlite} for Electron ${electron} is up to date (.electron-native/better_sqlite3.node)`);
      return 'up-to-date';
    }
  }

  const headers = await reachable(`${HEADERS_URL}/v${electron}/SHASUMS256.txt`);
  const cachedHeaders = [join(process.env.HOME ?? '', '.electron-gyp', electron), join(process.env.HOME ?? '', '.cache', 'node-gyp', electron)].some(existsSync);
  if (!headers.ok && !cachedHeaders) {
    say(`skipped: cannot reach Electron's headers at ${HEADERS_URL} (${headers.detail}); the desktop app needs this build, tests and serve mode do not`);
    return 'skipped';
  }

  say(`building better-sqlite3 ${sqlite} for Electron ${electron} (${process.platform}-${process.arch}) into .electron-native/ — node_modules keeps its Node build for npm test`);
  const work = join(NATIVE_DIR, 'work', 'better-sqlite3');
  rmSync(join(NATIVE_DIR, 'work'), { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  cpSync(PKG_DIR, work, { recursive: true, filter: (src) => !src.startsWith(join(PKG_DIR, 'build')) });

  const prebuild = join(ROOT, 'node_modules', 'prebuild-install', 'bin.js');
  const target = ['--runtime', 'electron', '--target', electron, '--arch', process.arch, '--platform', process.platform];
  let ok = false;
  if (existsSync(prebuild)) {
    say('trying the prebuilt Electron binary (prebuild-install)…');
    ok = run(process.execPath, [prebuild, ...target, '--verbose'], work);
  }
  if (!ok) {
    say('no prebuilt binary; compiling against Electron headers with node-gyp (a few minutes)…');
    const gyp = join(ROOT, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
    ok = run(process.execPath, [gyp, 'rebuild', '--release', `--target=${electron}`, `--arch=${process.arch}`, `--dist-url=${HEADERS_URL}`], work);
  }
  const built = join(work, 'build', 'Release', 'better_sqlite3.node');
  if (!ok || !existsSync(built)) {
    say('failed: see the output above; the desktop app will show how to retry, tests and serve mode are unaffected');
    return 'failed';
  }
  copyFileSync(built, NATIVE_FILE);
  writeFileSync(STAMP, `${JSON.stringify(want, null, 2)}\n`);
  rmSync(join(NATIVE_DIR, 'work'), { recursive: true, force: true });
  say('done: .electron-native/better_sqlite3.node');
  return 'built';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const strict = process.argv.includes('--strict');
  const result = await buildElectronNative({ force: process.argv.includes('--force') });
  process.exit(strict && (result === 'skipped' || result === 'failed') ? 1 : result === 'failed' ? 1 : 0);
}
