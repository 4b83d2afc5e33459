// GET /api/events: the engine's event bus as server-sent events. Each event is written as
// `id: <seq>` / `event: <type>` / `data: <envelope JSON>`, so scripts can filter by type and the
// browser's EventSource can listen per type. A client that cannot keep up is dropped (it reconnects
// and re-fetches), never buffered without bound.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventBus } from '../core/events';
import { COMMON_HEADERS } from './respond';

const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** A comment line now and then keeps proxies and idle sockets from closing the stream. */
const KEEPALIVE_MS = 15_000;

export function openEventStream(req: IncomingMessage, res: ServerResponse, bus: EventBus, onClose: () => void): void {
  res.writeHead(200, {
    ...COMMON_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no'
  });
  // `retry` tells EventSource to reconnect fast after a drop; `ready` lets clients know they are live.
  res.write(`retry: 1000\n: connected, last seq ${bus.lastSeq}\n\n`);
  res.flushHeaders();

  const off = bus.on((envelope) => {
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      res.destroy();
      return;
    }
    res.write(`id: ${envelope.seq}\nevent: ${envelope.type}\ndata: ${JSON.stringify(envelope)}\n\n`);
  });
  const keepalive = setInterval(() => res.write(': keepalive\n\n'), KEEPALIVE_MS);
  keepalive.unref();

  const close = (): void => {
    clearInterval(keepalive);
    off();
    onClose();
  };
  req.on('close', close);
  res.on('error', close);
}
