// A real engine and a real server on a temp data folder, for HTTP tests.
import { request } from 'node:http';
import { createEngine } from '../../src/main/core/engine';
import type { Engine } from '../../src/main/core/engine-types';
import { startServer, type RunningServer } from '../../src/main/server/server';
import { TEST_WORKER_ENTRY, tempDir } from '../paths';

export interface Harness {
  engine: Engine;
  server: RunningServer;
  token: string;
  dataDir: string;
  /** fetch against the server with the token unless headers say otherwise. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any; headers: Headers }>;
  close(): Promise<void>;
}

export async function startHarness(staticDir?: string): Promise<Harness> {
  const { dir, cleanup } = tempDir('flowdesk-http-');
  const token = 'test-token-0123456789';
  const engine = await createEngine({ dataDir: dir, workerEntry: TEST_WORKER_ENTRY, warmRunWorkers: 0 });
  const server = await startServer({ engine, token, port: 0, staticDir });
  return {
    engine,
    server,
    token,
    dataDir: dir,
    async call(method, path, body, headers = {}) {
      const res = await fetch(server.origin + path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // non-JSON answers (static files) stay text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async close() {
      await server.close();
      await engine.close({ graceMs: 500 });
      cleanup();
    }
  };
}

/** A raw request with full control of headers (fetch refuses to set Host). */
export function rawRequest(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}
