// The renderer's one clock. Every live duration (job elapsed time, run timers, ages) is derived from
// a stored timestamp and this shared `now`; main pushes state changes, never ticks. One interval for
// the whole app, running only while some mounted component asks for it.
import { useSyncExternalStore } from 'react';

const TICK_MS = 1000;
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function tick(): void {
  now = Date.now();
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(tick, TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const noop = (): (() => void) => () => {};
const snapshot = (): number => now;

/**
 * Current time in ms, re-rendering once a second while `enabled` (default true). Pass false when
 * nothing on screen is live (e.g. no running jobs) so idle panels do not re-render.
 */
export function useNow(enabled = true): number {
  return useSyncExternalStore(enabled ? subscribe : noop, snapshot, snapshot);
}

/** The clock's value without subscribing (for event handlers). */
export function nowMs(): number {
  return Date.now();
}
