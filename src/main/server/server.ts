// The local HTTP shell ("serve mode"): the contract as REST on 127.0.0.1, live events as SSE, and
// the built renderer as static files. Every /api input passes the same schemas as IPC before it
// reaches the engine; every failure answers {"error": {code, message, details}}.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../core/engine-types';
import type { RequestName } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { validateInput } from '../../shared/validate';
import { bearer, checkHost, checkToken, readJsonBody } from './guard';
import { sendError, sendJson } from './respond';
import { matchRoute } from './routes';
import { openEventStream } from './sse';
import { serveStatic } from './static';

export interface ServerOptions {
  engine: Pick<Engine, 'handlers' | 'events'>;
  token: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer; without it only the API is served. */
  staticDir?: string;
}

export interface RunningServer {
  server: Server;
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The UI address with the token, as printed in the ready line. */
  url: string;
  close(): Promise<void>;
}

/** Always 127.0.0.1: the API must never be reachable from another machine. */
const BIND_HOST = '127.0.0.1';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!options.token) throw new AppError('VALIDATION_FAILED', 'A server token is required');
  const sseClients = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    handle(req, res, options, sseClients).catch((e) => sendError(res, e));
  });
  // Slow-loris bounds: a request must arrive in full within these limits.
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, BIND_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${BIND_HOST}:${port}`;
  return {
    server,
    port,
    origin,
    url: `${origin}/?token=${encodeURIComponent(options.token)}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of sseClients) res.end();
        server.close(() => resolve());
        server.closeAllConnections();
      })
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: ServerOptions, sseClients: Set<ServerResponse>): Promise<void> {
  checkHost(req);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const pathname = url.pathname;

  if (!pathname.startsWith('/api/') && pathname !== '/api') {
    if (!options.staticDir) throw new AppError('NOT_FOUND', 'This server has no UI folder; use the API under /api');
    serveStatic(req, res, options.staticDir, pathname);
    return;
  }

  if (pathname === '/api/health' && req.method === 'GET') {
    sendJson(res, 200, await options.engine.handlers['health.get']({}));
    return;
  }

  if (pathname === '/api/events') {
    if (req.method !== 'GET') throw new AppError('METHOD_NOT_ALLOWED', 'GET /api/events only');
    // EventSource cannot set headers, so the stream alone also accepts ?token=.
    checkToken(bearer(req) ?? url.searchParams.get('token') ?? undefined, options.token);
    sseClients.add(res);
    openEventStream(req, res, options.engine.events, () => sseClients.delete(res));
    return;
  }

  checkToken(bearer(req), options.token);
  const match = matchRoute(req.method ?? 'GET', pathname);
  if (match.kind === 'none') throw new AppError('NOT_FOUND', `No route ${req.method} ${pathname}`);
  if (match.kind === 'wrong-method') {
    sendError(res, new AppError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${pathname}; use ${match.allowed.join(', ')}`), {
      allow: match.allowed.join(', ')
    });
    return;
  }

  const { route, params } = match;
  const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
  const body = hasBody ? await readJsonBody(req) : {};
  for (const [key, value] of Object.entries(params)) {
    // The path names the resource; a body that names another one is a mistake, never silently ignored.
    if (key in body && String(body[key]) !== value) {
      throw new AppError('VALIDATION_FAILED', `"${key}" in the body (${JSON.stringify(body[key])}) differs from the path (${value}); it cannot be changed here`, {
        issues: [{ path: key, message: 'differs from the path' }]
      });
    }
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (k !== 'token') query[k] = v;
  const input = validateInput(route.name, { ...body, ...query, ...params });
  const output = await (options.engine.handlers[route.name] as (i: unknown) => Promise<unknown>)(input);
  sendJson(res, statusFor(route.name, route.status, output), output);
}

/** Enqueue answers 201 for a new job and 200 when an idempotency key found an existing one (API.md). */
function statusFor(name: RequestName, status: number, output: unknown): number {
  if (name === 'queues.enqueue' && (output as { created?: boolean }).created === false) return 200;
  if (output === undefined) return 204;
  return status;
}

