#!/usr/bin/env node
// `npm start`: the desktop app where an Electron binary exists, serve mode in the browser otherwise.
//  1. Build (electron-vite build) when out/ is missing or older than the sources (build-if-stale.mjs).
//  2. Find the Electron binary without require('electron') (scripts/electron-binary.mjs); on a fresh
//     install, let the electron package download it once (quietly: offline this fails in a second).
//  3. Binary: make sure better-sqlite3 has an Electron build (scripts/electron-native.mjs), then run
//     Electron on this folder. No binary: one line saying so, then `node scripts/serve.mjs` with the
//     same arguments.
// Arguments: those of serve mode (--data DIR, --port N, --token T); the desktop app reads --data.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale } from './build-if-stale.mjs';
import { ROOT, downloadElectronBinary, findElectronBinary } from './electron-binary.mjs';

const args = process.argv.slice(2);

/** Runs a child with our stdio, forwards Ctrl+C/termination to it, and exits with its code. */
function runAndExit(command, commandArgs, env) {
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (e) => {
    console.error(`Could not start ${command}: ${e.message}`);
    process.exit(1);
  });
}

function dataDirArg() {
  const i = args.findIndex((a) => a === '--data' || a.startsWith('--data='));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice('--data='.length) : args[i + 1];
}

buildIfStale();

let found = findElectronBinary();
if (!found.path && !process.env.FLOWDESK_NO_ELECTRON_DOWNLOAD && !process.env.FLOWDESK_ELECTRON && !process.env.ELECTRON_EXEC_PATH) {
  if (await downloadElectronBinary({ onSlow: () => console.log('Downloading the Electron binary (first run only)…') })) found = findElectronBinary();
}

if (!found.path) {
  console.log(`Electron binary not available on this machine (${found.reason}); serving the Flowdesk UI in your browser instead.`);
  runAndExit(process.execPath, [join(ROOT, 'scripts', 'serve.mjs'), ...args], process.env);
} else {
  const { buildElectronNative } = await import('./electron-native.mjs');
  await buildElectronNative();
  const env = { ...process.env };
  // Set by some tools; it would make the binary behave as plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  const dataDir = dataDirArg();
  if (dataDir) env.FLOWDESK_DATA_DIR = dataDir;
  console.log(`Starting Flowdesk (Electron: ${found.path})`);
  runAndExit(found.path, ['.'], env);
}
