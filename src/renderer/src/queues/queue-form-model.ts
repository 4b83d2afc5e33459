// The queue form's model: text fields <-> the createQueue/updateQueue input, validated with the very
// zod schemas the engine uses (src/shared/schemas.ts), and server errors mapped onto fields.
import type { RawInputs } from '../../../shared/contract';
import type { Queue } from '../../../shared/domain';
import { QUEUE_DEFAULTS, schemas } from '../../../shared/schemas';
import { humanizeIssue } from './validation-text';

export type QueueField =
  | 'name'
  | 'flowId'
  | 'concurrency'
  | 'maxAttempts'
  | 'visibilityTimeoutSec'
  | 'backoff.initialMs'
  | 'backoff.maxMs'
  | 'backoff.multiplier'
  | 'hangAfterSec'
  | 'connectTimeoutMs';

export type QueueFormValues = Record<QueueField, string> & { enabled: boolean };
export type FieldErrors = Partial<Record<QueueField | 'form', string>>;

/** One line per option: what it does and what depends on it. */
export const FIELD_HELP: Record<QueueField | 'enabled', string> = {
  name: 'Lowercase letters, digits, dot, dash, underscore; up to 64 characters. Cannot be changed later.',
  flowId: 'The flow every job of this queue runs — always its current saved version.',
  concurrency: 'How many jobs of this queue run at the same time.',
  maxAttempts: 'Attempts before a failing job ends as failed (1 = no retry).',
  visibilityTimeoutSec: 'Visibility timeout — a running attempt is stopped after this long (JOB_TIMEOUT).',
  'backoff.initialMs': 'Delay before the first retry, in ms.',
  'backoff.maxMs': 'Longest delay between retries, in ms.',
  'backoff.multiplier': 'Each retry waits this many times longer than the one before.',
  hangAfterSec: 'A running job with no activity for this long is flagged as hanging (nothing is stopped).',
  connectTimeoutMs: 'Outgoing TCP connects from flow code fail after this long (CONNECT_TIMEOUT); 0 = off.',
  enabled: 'Disabled queues keep their jobs pending; running jobs finish.'
};

export function defaultValues(flowId: number | null): QueueFormValues {
  const d = QUEUE_DEFAULTS;
  return {
    name: '',
    flowId: flowId === null ? '' : String(flowId),
    concurrency: String(d.concurrency),
    maxAttempts: String(d.maxAttempts),
    visibilityTimeoutSec: String(d.visibilityTimeoutSec),
    'backoff.initialMs': String(d.backoff.initialMs),
    'backoff.maxMs': String(d.backoff.maxMs),
    'backoff.multiplier': String(d.backoff.multiplier),
    hangAfterSec: String(d.hangAfterSec),
    connectTimeoutMs: String(d.connectTimeoutMs),
    enabled: d.enabled
  };
}

export function valuesFromQueue(q: Queue): QueueFormValues {
  return {
    name: q.name,
    flowId: String(q.flowId),
    concurrency: String(q.concurrency),
    maxAttempts: String(q.maxAttempts),
    visibilityTimeoutSec: String(q.visibilityTimeoutSec),
    'backoff.initialMs': String(q.backoff.initialMs),
    'backoff.maxMs': String(q.backoff.maxMs),
    'backoff.multiplier': String(q.backoff.multiplier),
    hangAfterSec: String(q.hangAfterSec),
    connectTimeoutMs: String(q.connectTimeoutMs),
    enabled: q.enabled
  };
}

/** Text to number; blank stays blank so the schema reports "required" rather than 0. */
function num(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return Number(t);
}

type QueueInput = RawInputs['queues.create'];

export function toInput(v: QueueFormValues): QueueInput {
  return {
    name: v.name.trim(),
    flowId: num(v.flowId) as number,
    concurrency: num(v.concurrency),
    maxAttempts: num(v.maxAttempts),
    visibilityTimeoutSec: num(v.visibilityTimeoutSec),
    backoff: {
      initialMs: num(v['backoff.initialMs']) as number,
      maxMs: num(v['backoff.maxMs']) as number,
      multiplier: num(v['backoff.multiplier']) as number
    },
    hangAfterSec: num(v.hangAfterSec),
    connectTimeoutMs: num(v.connectTimeoutMs),
    enabled: v.enabled
  };
}

const REQUIRED: QueueField[] = [
  'concurrency',
  'maxAttempts',
  'visibilityTimeoutSec',
  'backoff.initialMs',
  'backoff.maxMs',
  'backoff.multiplier',
  'hangAfterSec',
  'connectTimeoutMs'
];

/** Field errors for the form as it stands (empty object: valid). */
export function validate(v: QueueFormValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of REQUIRED) if (v[f].trim() === '') errors[f] = 'Required';
  if (v.flowId === '') errors.flowId = 'Choose the flow this queue runs';
  const result = schemas.createQueue.safeParse(toInput(v));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = fieldFor(issue.path.map(String).join('.'));
      if (!errors[key]) errors[key] = humanize(issue.message);
    }
  }
  return errors;
}

/** Maps an issue path ("backoff.maxMs", "name") to the field that shows it; unknown paths go to the form. */
export function fieldFor(path: string): QueueField | 'form' {
  return path in FIELD_HELP && path !== 'enabled' ? (path as QueueField) : 'form';
}

function humanize(message: string): string {
  return humanizeIssue(message);
}

/** Server-side VALIDATION_FAILED details ({issues: [{path, message}]}) as field errors. */
export function errorsFromDetails(details: Record<string, unknown> | undefined, fallback: string): FieldErrors {
  const issues = Array.isArray(details?.issues) ? (details!.issues as { path?: unknown; message?: unknown }[]) : [];
  const errors: FieldErrors = {};
  for (const i of issues) {
    const path = Array.isArray(i.path) ? i.path.join('.') : String(i.path ?? '');
    const key = fieldFor(path);
    const text = humanize(String(i.message ?? 'Invalid'));
    errors[key] = errors[key] ? `${errors[key]}; ${text}` : text;
  }
  if (Object.keys(errors).length === 0) errors.form = fallback;
  return errors;
}
