// `npm run serve -- --data DIR --port N --token T`: builds if needed, then runs serve mode
// (out/main/serve.js) in plain Node. See docs/API.md.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfStale, outDir } from './build-if-stale.mjs';

buildIfStale();
const child = spawn(process.execPath, [join(outDir(), 'main', 'serve.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
// Forward Ctrl+C / SIGTERM so the server shuts down gracefully (running jobs get a grace period).
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
