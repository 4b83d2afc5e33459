// Builds the app (electron-vite build) when the output is missing or older than the sources, so
// `npm start` and `npm run serve` work on a fresh clone without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function outDir() {
  return resolve(root, process.env.FLOWDESK_OUT ?? 'out');
}

export function buildIfStale({ quiet = false } = {}) {
  const out = outDir();
  const marker = join(out, 'main', 'serve.js');
  const fresh =
    existsSync(marker) &&
    existsSync(join(out, 'renderer', 'index.html')) &&
    existsSync(join(out, 'main', 'worker.js')) &&
    statSync(marker).mtimeMs >= Math.max(newestMtime(join(root, 'src')), statSync(join(root, 'package.json')).mtimeMs);
  if (fresh) return;
  if (!quiet) console.log('Building Flowdesk (electron-vite build: main, preload, worker, renderer; up to a minute)…');
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', out, '--logLevel', 'warn'],
    { cwd: root, stdio: quiet ? 'pipe' : 'inherit' }
  );
  if (r.status !== 0) {
    if (quiet) process.stderr.write(r.stdout + r.stderr);
    console.error('Build failed (see above). Fix the error, or run `npm run build` to see it again.');
    process.exit(r.status ?? 1);
  }
  if (!quiet) console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
