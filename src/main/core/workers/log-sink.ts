// Job attempt logs: buffered and written in batches (one transaction per flush), so logging flows do
// not put a write on the no-op hot path. Flushed on a short timer and before any completion is
// written, so a finished attempt's logs are always complete when its job reads as finished.
import type { LogLine } from '../../../shared/domain';
import type { Store } from '../store-types';

const LOG_FLUSH_MS = 200;

export class LogSink {
  private readonly buffer = new Map<string, { lines: LogLine[]; truncated: boolean }>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: Store,
    private readonly onError: (err: unknown) => void
  ) {}

  add(owner: string, lines: LogLine[], truncated: boolean): void {
    const entry = this.buffer.get(owner);
    if (entry) {
      entry.lines.push(...lines);
      entry.truncated ||= truncated;
    } else {
      this.buffer.set(owner, { lines: [...lines], truncated });
    }
    this.timer ??= setTimeout(() => this.flush(), LOG_FLUSH_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer.size === 0) return;
    const entries = [...this.buffer];
    this.buffer.clear();
    try {
      this.store.transaction(() => {
        for (const [owner, { lines, truncated }] of entries) this.store.logs.append(owner, lines, truncated);
      });
    } catch (err) {
      this.onError(err);
    }
  }
}
