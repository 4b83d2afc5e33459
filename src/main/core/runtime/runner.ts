// Runs work items concurrently inside one worker process and ends each attempt exactly once, whatever
// the flow does: resolve, throw, reject with a non-Error, call process.exit, throw from a timer, or
// get aborted. Ending an attempt clears its timers and its still-connecting sockets.
import type { JobError } from '../../../shared/domain';
import type { HeartbeatItem, WorkItem } from '../../../shared/worker-protocol';
import { abortReason, createContext } from './flow-context';
import { flowThrew } from './flow-errors';
import type { FlowModules } from './flow-modules';
import { closeTimerOwner } from './flow-timers';
import { ItemState, itemStorage } from './item-state';
import type { Outbox } from './outbox';
import { checkResult } from './result';

export class Runner {
  readonly running = new Map<string, ItemState>();
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly modules: FlowModules,
    private readonly out: Outbox,
    private readonly ownFile?: string
  ) {}

  run(items: WorkItem[]): void {
    for (const item of items) this.start(item);
  }

  private start(item: WorkItem): void {
    if (this.running.has(item.key)) return; // a duplicate delivery of a running attempt
    const inst = this.modules.acquire(item);
    if (!('main' in inst)) {
      const now = Date.now();
      this.out.done({ key: item.key, ok: false, error: inst, startedAt: now, finishedAt: now });
      return;
    }
    const st = new ItemState(item, inst);
    this.running.set(item.key, st);
    let ret: unknown;
    try {
      ret = itemStorage.run(st, inst.main!, item.input, createContext(st, this.out));
    } catch (e) {
      this.fail(st, e);
      return;
    }
    if (ret !== null && typeof ret === 'object' && typeof (ret as Promise<unknown>).then === 'function') {
      (ret as Promise<unknown>).then(
        (v) => this.succeed(st, v),
        (e) => this.fail(st, e)
      );
    } else {
      this.succeed(st, ret);
    }
  }

  /** Fires ctx.signal with a reason carrying the supervisor's code; the flow decides how to end. */
  abort(key: string, code: JobError['code'], message: string): void {
    const st = this.running.get(key);
    if (!st || st.abortError) return;
    st.abortError = { code, message };
    st.controller?.abort(abortReason(st));
  }

  abortAll(code: JobError['code'], message: string): void {
    for (const key of [...this.running.keys()]) this.abort(key, code, message);
  }

  /** Ends an attempt from outside its promise (process.exit, uncaught error). */
  forceEnd(st: ItemState, error: JobError): void {
    if (st.closed) return;
    this.end(st, { ok: false, error });
  }

  fail(st: ItemState, thrown: unknown): void {
    if (st.closed) return;
    const error: JobError = st.abortError
      ? { ...st.abortError }
      : flowThrew(thrown, this.modules.codeFor, this.ownFile);
    this.end(st, { ok: false, error });
  }

  private succeed(st: ItemState, value: unknown): void {
    if (st.closed) return;
    const checked = checkResult(value);
    this.end(st, checked.ok ? { ok: true, result: checked.value } : { ok: false, error: checked.error });
  }

  private end(st: ItemState, outcome: { ok: true; result: unknown } | { ok: false; error: JobError }): void {
    closeTimerOwner(st); // sets st.closed
    if (st.connecting) for (const s of st.connecting) s.destroy();
    st.pending = null;
    this.running.delete(st.key);
    this.modules.release(st.instance);
    const finishedAt = Date.now();
    this.out.done(
      outcome.ok
        ? { key: st.key, ok: true, result: outcome.result, startedAt: st.startedAt, finishedAt }
        : { key: st.key, ok: false, error: outcome.error, startedAt: st.startedAt, finishedAt }
    );
    if (this.running.size === 0 && this.idleWaiters.length > 0) {
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  whenIdle(): Promise<void> {
    return this.running.size === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  heartbeatItems(): HeartbeatItem[] {
    const items: HeartbeatItem[] = [];
    for (const st of this.running.values()) {
      const pending: HeartbeatItem['pending'] = [];
      if (st.pending) {
        for (const p of st.pending) {
          pending.push({ type: p.type, target: p.target, since: p.since });
          if (pending.length >= 20) break;
        }
      }
      items.push({ key: st.key, lastActivityAt: st.lastActivityAt, pending, progress: st.progress });
    }
    return items;
  }
}
