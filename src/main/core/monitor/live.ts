// Live facts of a running item, derived from its last heartbeat with main's one clock, and the
// hang flags: 'stalled' (no activity for hangAfterSec) and 'blocked' (heartbeats stopped: the
// worker's event loop is stuck, so nothing it reports can be trusted to arrive).
import type { Hang, LiveInfo, PendingOp } from '../../../shared/domain';
import type { InFlight } from '../workers/in-flight';
import { blockedReason, stalledReason } from './describe';

/** Heartbeats come every 250 ms; three missed in a row means the loop is stuck, not just busy. */
export const BLOCKED_AFTER_MS = 800;
/** Run Now items have no queue; they are flagged stalled after this. */
export const RUN_HANG_AFTER_MS = 30_000;

export function pendingOps(item: InFlight, now: number): PendingOp[] {
  return item.pending.map((p) => ({ type: p.type, target: p.target, ageMs: Math.max(0, now - p.since) }));
}

/** Milliseconds since the worker last proved its event loop runs, or null while it is fine. */
export function blockedFor(item: InFlight, now: number): number | null {
  const last = Math.max(item.worker.lastHeartbeatAt ?? 0, item.startedAt);
  const silent = now - last;
  return silent > BLOCKED_AFTER_MS ? silent : null;
}

export function deriveHang(item: InFlight, now: number): Hang | null {
  const ops = pendingOps(item, now);
  const silent = blockedFor(item, now);
  if (silent !== null) return { kind: 'blocked', sinceMs: silent, reason: blockedReason(silent), pending: ops };
  const idle = now - item.lastActivityAt;
  if (idle >= item.hangAfterMs) return { kind: 'stalled', sinceMs: idle, reason: stalledReason(idle, ops), pending: ops };
  return null;
}

export function deriveLive(item: InFlight, now: number): LiveInfo {
  const elapsedMs = Math.max(0, now - item.startedAt);
  return {
    elapsedMs,
    lastActivityAgeMs: Math.max(0, now - item.lastActivityAt),
    timeoutShare: Number.isFinite(item.limitMs) && item.limitMs > 0 ? Math.min(1, elapsedMs / item.limitMs) : null,
    // The stored flag keeps its kind; its ages are refreshed so a reader sees them grow.
    hang: item.hang ? deriveHang(item, now) ?? item.hang : null,
    pending: pendingOps(item, now),
    progress: item.progress
  };
}

/** A short signature of what an item waits on, to emit 'job.live' only when it changes. */
export function liveSignature(item: InFlight): string {
  const ops = item.pending.map((p) => `${p.type}:${p.target}:${p.since}`).join('|');
  const progress = item.progress ? `${item.progress.value ?? ''}/${item.progress.message ?? ''}` : '';
  return `${ops}#${progress}`;
}
