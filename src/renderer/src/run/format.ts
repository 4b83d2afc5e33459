// Small formatting helpers for run output.
import type { JobError } from '../../../shared/domain';

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m ${Math.round((ms % 60_000) / 1000)}s`;
}

export function clockTime(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function prettyJson(v: unknown): string {
  if (v === undefined) return 'undefined';
  try {
    return JSON.stringify(v, null, 2);
  } catch {
    return String(v);
  }
}

/** The flow line an error points at: its own fields, else the first flow-relative frame of the stack. */
export function errorLocation(error: JobError): { line: number; column: number } | null {
  if (error.line) return { line: error.line, column: error.column ?? 1 };
  const m = error.stack?.match(/flow[^\s)]*:(\d+):(\d+)/) ?? error.stack?.match(/:(\d+):(\d+)\)?\s*$/m);
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

/** Parses the Run Now input box: empty means "no input". */
export function parseInput(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}
