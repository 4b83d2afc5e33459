// Builds the worker entry once per test run, the same way the app build bundles it, so tests fork
// the real worker process (test/paths.ts names the output).
import { build } from 'esbuild';
import { TEST_WORKER_ENTRY } from './paths';

export default async function setup(): Promise<void> {
  await build({
    entryPoints: ['src/main/core/runtime/worker-entry.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    outfile: TEST_WORKER_ENTRY,
    logLevel: 'warning'
  });
}
