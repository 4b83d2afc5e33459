// The documented example flow (resources/examples/fetch-with-timeouts.js) runs as written.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { killAllWorkers, runFlow, startWorker } from './test-kit';

let server: http.Server | undefined;
afterEach(() => {
  killAllWorkers();
  server?.close();
});

it('resources/examples/fetch-with-timeouts.js succeeds against a loopback server', async () => {
  server = http.createServer((_req, res) => res.end('hello'));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const source = readFileSync(resolve(__dirname, '../../../../resources/examples/fetch-with-timeouts.js'), 'utf8');
  const w = await startWorker();
  const { result } = await runFlow(w, source, { input: { url } });
  expect(result).toMatchObject({ ok: true, result: { fetched: { status: 200, bytes: 5 }, viaHttp: { status: 200, bytes: 5 } } });
});
