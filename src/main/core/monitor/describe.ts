// Words for what a job was doing. Every stop message names the limit that fired and its value, and
// what was pending at the end, so a timeout, a cancel and a deleted queue never read the same.
import type { PendingOp } from '../../../shared/domain';

/** 300000 -> "300 s", 12345 -> "12.3 s", 450 -> "0.5 s": tenths below a minute, whole seconds above. */
export function seconds(ms: number): string {
  const s = ms / 1000;
  if (s >= 60) return `${Math.round(s)} s`;
  const tenths = s.toFixed(1);
  return `${tenths.endsWith('.0') ? tenths.slice(0, -2) : tenths} s`;
}

export function describeOp(op: Pick<PendingOp, 'type' | 'target'>): string {
  switch (op.type) {
    case 'tcp-connect':
      return `TCP connect to ${op.target}`;
    case 'http-request':
      return `HTTP request to ${op.target}`;
    case 'dns-lookup':
      return `DNS lookup of ${op.target}`;
    case 'timer':
      return `timer ${op.target}`;
    default:
      return `${op.type} ${op.target}`;
  }
}

/** "TCP connect to 127.0.0.1:8080 pending for 299 s", most telling (oldest) first, at most three. */
export function describePending(ops: PendingOp[]): string {
  return [...ops]
    .sort((a, b) => b.ageMs - a.ageMs)
    .slice(0, 3)
    .map((op) => `${describeOp(op)} pending for ${seconds(op.ageMs)}`)
    .join(', ');
}

function withPending(head: string, ops: PendingOp[], blockedMs: number | null): string {
  const parts = [head];
  if (ops.length > 0) parts.push(describePending(ops));
  if (blockedMs !== null) parts.push(`event loop blocked (no heartbeat for ${seconds(blockedMs)})`);
  return parts.join('; ');
}

export function timeoutMessage(limitMs: number, limitLabel: string, ops: PendingOp[], blockedMs: number | null): string {
  return withPending(`Stopped after ${seconds(limitMs)} (${limitLabel})`, ops, blockedMs);
}

export function cancelMessage(elapsedMs: number, ops: PendingOp[], blockedMs: number | null): string {
  return withPending(`Cancelled by user after ${seconds(elapsedMs)}`, ops, blockedMs);
}

export function queueDeletedMessage(queue: string, elapsedMs: number): string {
  return `Queue "${queue}" was deleted while this attempt was running (after ${seconds(elapsedMs)})`;
}

export function shutdownMessage(elapsedMs: number): string {
  return `Engine shut down after ${seconds(elapsedMs)}; the job goes back to pending without using an attempt`;
}

export function collateralMessage(otherKey: string): string {
  return `Worker process was stopped to end another item (${otherKey}); requeued without using an attempt`;
}

export function crashMessage(code: number | null, signal: string | null): string {
  const how = signal ? `was killed by ${signal}` : `exited with code ${code ?? 'unknown'}`;
  return `Worker process ${how} while this attempt was running`;
}

export function stalledReason(idleMs: number, ops: PendingOp[]): string {
  const waiting =
    ops.length > 0
      ? ` — waiting on ${[...ops]
          .sort((a, b) => b.ageMs - a.ageMs)
          .slice(0, 3)
          .map((op) => `${describeOp(op)} (${seconds(op.ageMs)})`)
          .join(', ')}`
      : ' — nothing pending that the runtime can see';
  return `no activity for ${seconds(idleMs)}${waiting}`;
}

export function blockedReason(silentMs: number): string {
  return `no heartbeat for ${seconds(silentMs)} — the event loop is blocked (synchronous code is running)`;
}
