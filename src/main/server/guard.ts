// The server's front door: loopback Host check (DNS rebinding), bearer token, body limits.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../shared/errors';
import { LIMITS } from '../../shared/schemas';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * A browser tab on a hostile site can resolve its own name to 127.0.0.1 (DNS rebinding) and then
 * talk to us as same-origin; its requests still carry that foreign name in Host, so we refuse them.
 */
export function checkHost(req: IncomingMessage): void {
  const host = req.headers.host;
  if (!host) throw new AppError('FORBIDDEN_HOST', 'Missing Host header');
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  if (!LOOPBACK_HOSTS.has(name.toLowerCase())) {
    throw new AppError('FORBIDDEN_HOST', `Host "${host}" is not a loopback name; Flowdesk only answers 127.0.0.1/localhost`);
  }
}

export function checkToken(presented: string | undefined, token: string): void {
  if (!presented) throw new AppError('UNAUTHORIZED', 'Missing token: send "Authorization: Bearer TOKEN"');
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new AppError('UNAUTHORIZED', 'Wrong token');
}

export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : undefined;
}

/** Reads a JSON object body, refusing oversized, non-JSON and non-object bodies with codes. */
export async function readJsonBody(req: IncomingMessage, limit = LIMITS.MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with "Content-Type: application/json"');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `Malformed JSON body: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new AppError('VALIDATION_FAILED', 'The JSON body must be an object');
  }
  return parsed as Record<string, unknown>;
}

function tooLarge(limit: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`, { limitBytes: limit });
}
