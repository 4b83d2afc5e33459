// Serves the built renderer (out/renderer) so the same UI runs in a browser. Only files inside the
// folder are reachable; anything else is 404. The HTML answer carries the same CSP as the Electron window.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CSP } from '../../shared/csp';
import { COMMON_HEADERS, sendError } from './respond';
import { AppError } from '../../shared/errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8'
};

export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, new AppError('METHOD_NOT_ALLOWED', 'Static files answer GET and HEAD only'), { allow: 'GET, HEAD' });
    return;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, relative));
  if (!file.startsWith(normalize(root) + sep)) {
    sendError(res, new AppError('NOT_FOUND', 'Not found'));
    return;
  }
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    sendError(res, new AppError('NOT_FOUND', `No such file: ${pathname}`));
    return;
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const headers: Record<string, string | number> = { ...COMMON_HEADERS, 'content-type': type, 'content-length': size };
  // Hashed asset names change with their content; the HTML must always be revalidated.
  headers['cache-control'] = file.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable';
  if (file.endsWith('.html')) headers['content-security-policy'] = CSP;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
