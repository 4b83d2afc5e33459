// Words and numbers for the monitor: durations, ages, sizes and the hang reason. Pure functions so
// the same text appears in every panel (and tests can read it back by role).
import type { Hang, PendingOp } from '../../../shared/domain';

/** 850 ms, 4.2 s, 3 min 05 s, 2 h 04 min. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 0) ms = 0;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.floor(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Whole seconds, the unit the hang reason speaks in: "45 s". */
export function formatSeconds(ms: number): string {
  return `${Math.max(0, Math.floor(ms / 1000))} s`;
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

// One formatter each: toLocale*String builds a new Intl formatter per call, which showed up as the
// top JS cost of a live monitor frame (e2e/bench/monitor-bench.mjs).
const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const DATE = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit' });
const timeCache = new Map<string, string>();

/** Local wall time with seconds; the date only when it is not today. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const hit = timeCache.get(iso);
  if (hit !== undefined) return hit;
  const d = new Date(iso);
  const time = TIME.format(d);
  const text = d.toDateString() === new Date().toDateString() ? time : `${DATE.format(d)} ${time}`;
  if (timeCache.size > 5000) timeCache.clear();
  timeCache.set(iso, text);
  return text;
}

const OP_WORDS: Record<string, string> = {
  'tcp-connect': 'TCP connect to',
  'http-request': 'HTTP request to',
  'dns-lookup': 'DNS lookup of',
  timer: 'timer'
};

/** "TCP connect to 127.0.0.1:8080 (45 s)"; `extraMs` ages the op by the time since it was reported. */
export function describePending(op: PendingOp, extraMs = 0): string {
  const words = OP_WORDS[op.type] ?? op.type;
  return `${words} ${op.target} (${formatSeconds(op.ageMs + extraMs)})`;
}

/**
 * The hang flag in words: "no activity for 45 s — waiting on TCP connect to 127.0.0.1:8080 (45 s)".
 * `sinceReportMs` is how long ago the engine reported it, so the numbers keep counting on the one clock.
 */
export function describeHang(hang: Hang, sinceReportMs = 0): string {
  const head =
    hang.kind === 'blocked'
      ? `event loop blocked for ${formatSeconds(hang.sinceMs + sinceReportMs)}`
      : `no activity for ${formatSeconds(hang.sinceMs + sinceReportMs)}`;
  if (hang.pending.length === 0) return hang.reason ? `${head} — ${hang.reason}` : head;
  const ops = hang.pending.slice(0, 3).map((op) => describePending(op, sinceReportMs));
  const more = hang.pending.length > 3 ? ` and ${hang.pending.length - 3} more` : '';
  return `${head} — waiting on ${ops.join(', ')}${more}`;
}

/** Throughput per minute, with one decimal below 10. */
export function formatRate(perMin: number | null | undefined): string {
  if (perMin === null || perMin === undefined) return '—';
  return `${perMin < 10 ? perMin.toFixed(1) : Math.round(perMin)}/min`;
}

/**
 * An attempt's outcome by its error code: a cancel, a deleted queue or an engine shutdown ended it,
 * the flow did not fail, so it must not wear the red "failed" badge.
 */
export function attemptOutcome(outcome: string, code: string | null | undefined): { text: string; tone: 'ok' | 'danger' | 'info' | 'warn' } {
  if (outcome === 'succeeded') return { text: 'succeeded', tone: 'ok' };
  if (outcome === 'running') return { text: 'running', tone: 'info' };
  if (code === 'CANCELLED_BY_USER') return { text: 'cancelled', tone: 'warn' };
  if (code === 'QUEUE_DELETED' || code === 'ENGINE_SHUTDOWN') return { text: 'interrupted', tone: 'warn' };
  return { text: outcome, tone: 'danger' };
}

/** "24 s of 300 s": the timeout bar's value in words for assistive tech. */
export function timeoutUsedText(elapsedMs: number, totalMs: number): string {
  return `${Math.round(elapsedMs / 1000)} s of ${Math.round(totalMs / 1000)} s`;
}
