// Everything the worker sends besides ready/loaded/heartbeat goes through one outbox, flushed on
// setImmediate: a first log line reaches main within a turn of the event loop, many completions
// share one 'done' message (the ≥10k jobs/s path), and an item's logs always leave before its result.
import type { LogLevel, LogLine } from '../../../shared/domain';
import type { ItemResult, WorkerToMain } from '../../../shared/worker-protocol';
import type { ItemState } from './item-state';

export class Outbox {
  private logs = new Map<string, { lines: LogLine[]; truncated: boolean }>();
  private progress = new Map<string, Extract<WorkerToMain, { t: 'progress' }>>();
  private results: ItemResult[] = [];
  private scheduled = false;
  maxLogBytes: number;

  constructor(
    private readonly send: (msg: WorkerToMain) => void,
    maxLogBytes: number
  ) {
    this.maxLogBytes = maxLogBytes;
  }

  /** Appends one log line for an attempt, enforcing the per-attempt byte cap. */
  log(st: ItemState, level: LogLevel, message: string): void {
    st.lastActivityAt = Date.now(); // still activity when the line itself is dropped
    if (st.truncated) return;
    const bytes = Buffer.byteLength(message);
    let batch = this.logs.get(st.key);
    if (!batch) this.logs.set(st.key, (batch = { lines: [], truncated: false }));
    if (st.logBytes + bytes > this.maxLogBytes) {
      st.truncated = true;
      batch.truncated = true;
      const kib = Math.round(this.maxLogBytes / 1024);
      batch.lines.push({ ts: new Date().toISOString(), level: 'warn', message: `… log truncated at ${kib} KiB` });
    } else {
      st.logBytes += bytes;
      batch.lines.push({ ts: new Date(st.lastActivityAt).toISOString(), level, message });
    }
    this.schedule();
  }

  setProgress(st: ItemState, value: number | undefined, message: string | undefined): void {
    st.lastActivityAt = Date.now();
    st.progress = { value, message };
    const msg: Extract<WorkerToMain, { t: 'progress' }> = { t: 'progress', key: st.key, at: st.lastActivityAt };
    if (value !== undefined) msg.value = value;
    if (message !== undefined) msg.message = message;
    this.progress.set(st.key, msg);
    this.schedule();
  }

  done(result: ItemResult): void {
    this.results.push(result);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  readonly flush = (): void => {
    this.scheduled = false;
    if (this.logs.size > 0) {
      for (const [key, b] of this.logs) {
        this.send(b.truncated ? { t: 'log', key, lines: b.lines, truncated: true } : { t: 'log', key, lines: b.lines });
      }
      this.logs.clear();
    }
    if (this.progress.size > 0) {
      for (const msg of this.progress.values()) this.send(msg);
      this.progress.clear();
    }
    if (this.results.length > 0) {
      const results = this.results;
      this.results = [];
      this.send({ t: 'done', results });
    }
  };
}
