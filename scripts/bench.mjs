// `npm run bench`: prints Flowdesk's speed and memory figures (never asserted in tests). Each section
// runs in a fresh process so one cannot warm or pollute another. `npm run bench -- reload` runs one.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { buildIfStale, outDir } from './build-if-stale.mjs';

const root = resolve(import.meta.dirname, '..');
buildIfStale();
const out = join(outDir(), 'bench');
await build({
  entryPoints: { run: join(root, 'bench/run.ts'), 'plainjob-worker': join(root, 'bench/plainjob-worker.ts') },
  outdir: out,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3', 'esbuild'],
  logLevel: 'warning'
});

const wanted = process.argv.slice(2);
const sections = ['throughput', 'reload', 'stale', 'runtime'].filter((s) => wanted.length === 0 || wanted.includes(s));
let failed = 0;
console.log(`Flowdesk benchmark — Node ${process.version}, ${new Date().toISOString()}\n`);
for (const section of sections) {
  const r = spawnSync(process.execPath, [join(out, 'run.js'), section], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed++;
  console.log('');
}
const monitor = join(root, 'e2e/bench/monitor-bench.mjs');
if ((wanted.length === 0 || wanted.includes('monitor')) && existsSync(monitor)) {
  console.log('Monitor UI in Chromium (100,000 jobs)');
  const r = spawnSync(process.execPath, [monitor], { cwd: root, stdio: 'inherit', env: { ...process.env, FLOWDESK_OUT: outDir() } });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
