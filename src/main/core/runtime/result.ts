// Results cross a process boundary and land in SQLite as JSON, so they must survive JSON. A value
// that does not gets RESULT_NOT_SERIALIZABLE with the reason, instead of a DataCloneError in the
// worker's send or a silently different value in the database.
import type { JobError } from '../../../shared/domain';

export function checkResult(value: unknown): { ok: true; value: unknown } | { ok: false; error: JobError } {
  if (value === undefined || value === null || typeof value === 'string' || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return { ok: true, value: Number.isFinite(value) ? value : null };
  const kind = typeof value;
  if (kind === 'function' || kind === 'symbol' || kind === 'bigint') {
    return notSerializable(`the flow returned a ${kind}, which JSON cannot represent`);
  }
  try {
    const json = JSON.stringify(value);
    return { ok: true, value: json === undefined ? null : JSON.parse(json) };
  } catch (e) {
    return notSerializable((e as Error).message.split('\n')[0]);
  }
}

function notSerializable(reason: string): { ok: false; error: JobError } {
  const message = `The flow's result is not JSON-serialisable: ${reason}. Return plain data (objects, arrays, strings, numbers, booleans, null).`;
  return { ok: false, error: { code: 'RESULT_NOT_SERIALIZABLE', message } };
}
