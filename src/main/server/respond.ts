// Writing answers: JSON bodies, errors in the one shape API.md fixes, and headers every answer carries.
import type { ServerResponse } from 'node:http';
import { httpStatusFor, toErrorData } from '../../shared/errors';

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin'
};

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  if (status === 204 || body === undefined) {
    res.writeHead(status === 200 && body === undefined ? 204 : status, { ...COMMON_HEADERS, 'cache-control': 'no-store' });
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store'
  });
  res.end(text);
}

/** `{"error": {"code", "message", "details"?}}` with the status the code maps to. */
export function sendError(res: ServerResponse, e: unknown, extraHeaders: Record<string, string> = {}): number {
  const data = toErrorData(e);
  const status = httpStatusFor(data.code);
  if (status >= 500 && data.code === 'INTERNAL') console.error('[flowdesk] internal error:', e);
  for (const [k, v] of Object.entries(extraHeaders)) res.setHeader(k, v);
  sendJson(res, status, { error: data });
  return status;
}

export { COMMON_HEADERS };
