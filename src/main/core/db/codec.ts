// Conversions at the database boundary: epoch ms <-> ISO strings, JSON text <-> values.
// The database stores integers and text; domain types carry ISO strings and parsed values.
import type { JobError } from '../../../shared/domain';

// Date#toISOString costs ~1 µs and a completed batch formats five times per job; timestamps in a
// batch share their second, so the "YYYY-MM-DDTHH:MM:SS." prefix is cached.
let cachedSecond = NaN;
let cachedPrefix = '';

export function iso(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== cachedSecond) {
    const full = new Date(second * 1000).toISOString();
    if (full.length !== 24) return new Date(ms).toISOString(); // years outside 0000-9999
    cachedSecond = second;
    cachedPrefix = full.slice(0, 20);
  }
  const frac = ms - second * 1000;
  if (!Number.isInteger(frac)) return new Date(ms).toISOString();
  return cachedPrefix + (frac < 10 ? '00' : frac < 100 ? '0' : '') + frac + 'Z';
}

export function isoOrNull(ms: number | null | undefined): string | null {
  return ms === null || ms === undefined ? null : iso(ms);
}

/** undefined becomes null: JSON has no undefined, and a missing payload reads back as null. */
export function toJson(value: unknown): string | null {
  if (value === undefined) return null;
  return JSON.stringify(value) ?? null;
}

export function fromJson<T = unknown>(text: string | null | undefined): T | null {
  return text === null || text === undefined ? null : (JSON.parse(text) as T);
}

/** A JobError stored as JSON; keeps only the documented fields. */
export function errorJson(error: JobError | null | undefined): string | null {
  if (!error) return null;
  const out: JobError = { code: error.code, message: error.message };
  if (error.stack !== undefined) out.stack = error.stack;
  if (error.line !== undefined) out.line = error.line;
  if (error.column !== undefined) out.column = error.column;
  return JSON.stringify(out);
}

/** SQLite constraint failures, told apart by better-sqlite3's error code. */
export function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE' || (e as { code?: string })?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export function isForeignKeyViolation(e: unknown): boolean {
  return (e as { code?: string })?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
