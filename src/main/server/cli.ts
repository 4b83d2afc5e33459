// Serve mode entry (built to out/main/serve.js): `npm run serve -- --data DIR --port N --token T`.
// Plain Node, no Electron. Prints one ready line; SIGINT/SIGTERM stop it gracefully.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEngine } from '../core/engine';
import { toErrorData } from '../../shared/errors';
import { defaultDataDir, loadOrCreateToken } from './data-dir';
import { startServer } from './server';
import { parseServeArgs } from './args';

const SHUTDOWN_GRACE_MS = 5_000;

async function main(): Promise<void> {
  const args = parseServeArgs(process.argv.slice(2), process.env);
  const dataDir = resolve(args.data ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  const token = args.token ?? loadOrCreateToken(dataDir);
  const staticDir = resolve(args.staticDir ?? join(__dirname, '../renderer'));

  const engine = await createEngine({ dataDir, workerEntry: join(__dirname, 'worker.js') });
  const server = await startServer({
    engine,
    token,
    port: args.port ?? 0,
    staticDir: existsSync(staticDir) ? staticDir : undefined
  });
  console.log(`Flowdesk ready at ${server.url}`);

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log(`Flowdesk stopping (${signal}): letting running jobs finish for up to ${SHUTDOWN_GRACE_MS / 1000} s…`);
    await server.close();
    await engine.close({ graceMs: SHUTDOWN_GRACE_MS });
    console.log('Flowdesk stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  const err = toErrorData(e);
  console.error(`Flowdesk could not start: [${err.code}] ${err.message}`);
  process.exit(1);
});
