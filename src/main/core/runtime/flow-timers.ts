// The setTimeout/setInterval family that flow code sees (passed as parameters to the compiled module,
// so they shadow the globals for the whole bundle). Each timer is owned by the running attempt when
// created inside one, else by the module version (module-level code, or callbacks of module-level
// timers). Owners clear their timers when they end: no v1 interval keeps firing after v2 is loaded.
import { promisify } from 'node:util';
import { currentItem, type ItemState, type PendingEntry, type TimerOwner } from './item-state';

const OWNER = Symbol('flowdesk.timerOwner');
const PENDING = Symbol('flowdesk.timerPending');

type Tracked = NodeJS.Timeout & { [OWNER]?: TimerOwner; [PENDING]?: { st: ItemState; entry: PendingEntry } };
type Callback = (...args: unknown[]) => void;

export interface FlowTimers {
  setTimeout: (cb: Callback, ms?: number, ...args: unknown[]) => NodeJS.Timeout;
  setInterval: (cb: Callback, ms?: number, ...args: unknown[]) => NodeJS.Timeout;
  clearTimeout: (t: unknown) => void;
  clearInterval: (t: unknown) => void;
}

const realSetTimeout = globalThis.setTimeout;
const realSetInterval = globalThis.setInterval;
const realClearTimeout = globalThis.clearTimeout;

function untrack(t: Tracked): void {
  t[OWNER]?.timers?.delete(t);
  const p = t[PENDING];
  if (p) p.st.removePending(p.entry);
  t[OWNER] = undefined;
  t[PENDING] = undefined;
}

/** Clears every timer an owner still holds and refuses new ones. */
export function closeTimerOwner(owner: TimerOwner): void {
  owner.closed = true;
  const timers = owner.timers;
  if (!timers) return;
  owner.timers = null;
  for (const t of timers) {
    realClearTimeout(t);
    untrack(t as Tracked);
  }
}

/** Adds a timer to the current attempt (used by ctx.fetch's timeout). */
export function ownTimer(owner: TimerOwner, t: NodeJS.Timeout): void {
  (owner.timers ??= new Set()).add(t);
  (t as Tracked)[OWNER] = owner;
}

export function makeFlowTimers(moduleOwner: TimerOwner): FlowTimers {
  function create(kind: 'setTimeout' | 'setInterval', cb: Callback, ms: number | undefined, args: unknown[]) {
    if (typeof cb !== 'function') throw new TypeError(`The "callback" argument of ${kind} must be a function`);
    const st = currentItem();
    const owner: TimerOwner = st ?? moduleOwner;
    if (owner.closed) {
      // The owner ended: hand back a real, already cleared timer so .unref()/.ref() still work.
      const dead = realSetTimeout(() => {}, 0);
      realClearTimeout(dead);
      return dead;
    }
    let t: Tracked;
    if (kind === 'setTimeout') {
      t = realSetTimeout(function (this: unknown) {
        untrack(t);
        cb.apply(this, args);
      }, ms) as Tracked;
    } else {
      t = realSetInterval(cb, ms, ...args) as Tracked;
    }
    ownTimer(owner, t);
    if (st) {
      const entry: PendingEntry = { type: 'timer', target: `${kind} ${Math.max(1, Number(ms) || 1)} ms`, since: Date.now() };
      st.addPending(entry);
      t[PENDING] = { st, entry };
    }
    return t;
  }
  function clear(t: unknown): void {
    if (t && typeof t === 'object' && OWNER in t) untrack(t as Tracked);
    realClearTimeout(t as NodeJS.Timeout);
  }
  const timers: FlowTimers = {
    setTimeout: (cb, ms, ...args) => create('setTimeout', cb, ms, args),
    setInterval: (cb, ms, ...args) => create('setInterval', cb, ms, args),
    clearTimeout: clear,
    clearInterval: clear
  };
  // util.promisify(setTimeout) works on the real one; keep that working on ours.
  Object.defineProperty(timers.setTimeout, promisify.custom, {
    value: (ms?: number, value?: unknown) => new Promise((resolve) => timers.setTimeout(() => resolve(value), ms))
  });
  return timers;
}
