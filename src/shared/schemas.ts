// Runtime schemas for every input that enters the core (IPC, HTTP, CLI).
// Objects are strict: an unknown key is a typo or an attack, and both deserve VALIDATION_FAILED.
import { z } from 'zod';

/** Limits that bad input runs into; the HTTP body limit is derived from MAX_CODE_BYTES. */
export const LIMITS = {
  MAX_CODE_BYTES: 1_000_000,
  MAX_NAME_LENGTH: 100,
  MAX_PAYLOAD_BYTES: 1_000_000,
  MAX_BODY_BYTES: 2_500_000,
  MAX_IDEMPOTENCY_KEY_LENGTH: 200,
  MAX_JOB_LIST_LIMIT: 1000
} as const;

export const QUEUE_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export const QUEUE_DEFAULTS = {
  concurrency: 1,
  maxAttempts: 3,
  visibilityTimeoutSec: 300,
  backoff: { initialMs: 1000, maxMs: 60_000, multiplier: 2 },
  hangAfterSec: 30,
  connectTimeoutMs: 10_000,
  enabled: true
} as const;

/** Run Now time limit when none is given (the same default a queue's visibility timeout has). */
export const RUN_DEFAULT_TIMEOUT_MS = 300_000;

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const flowName = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(LIMITS.MAX_NAME_LENGTH)
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'name must not contain control characters');
const code = z
  .string()
  .refine((s) => utf8Length(s) <= LIMITS.MAX_CODE_BYTES, `code must be at most ${LIMITS.MAX_CODE_BYTES} bytes`);
const language = z.enum(['javascript', 'typescript']);
const queueName = z.string().regex(QUEUE_NAME_PATTERN, 'queue names match ^[a-z0-9][a-z0-9._-]{0,63}$');
const runId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a run id');
/** Query strings arrive as text; IPC sends booleans. Both mean the same. */
const boolish = z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).transform((v) => v === true || v === 'true' || v === '1');

/** JSON-serialisable value within a size bound (payloads, run inputs). */
const jsonValue = z.unknown().superRefine((v, ctx) => {
  let text: string | undefined;
  try {
    text = JSON.stringify(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be JSON-serialisable' });
    return;
  }
  if (text !== undefined && utf8Length(text) > LIMITS.MAX_PAYLOAD_BYTES) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${LIMITS.MAX_PAYLOAD_BYTES} bytes as JSON` });
  }
});

export const backoffSchema = z
  .strictObject({
    initialMs: z.number().int().min(0).max(86_400_000),
    maxMs: z.number().int().min(0).max(86_400_000),
    multiplier: z.number().min(1).max(100)
  })
  .refine((b) => b.maxMs >= b.initialMs, { message: 'backoff.maxMs must be >= backoff.initialMs', path: ['maxMs'] });

const queueOptions = {
  concurrency: z.number().int().min(1).max(256),
  maxAttempts: z.number().int().min(1).max(1000),
  visibilityTimeoutSec: z.number().int().min(1).max(7 * 86_400),
  backoff: backoffSchema,
  hangAfterSec: z.number().int().min(1).max(7 * 86_400),
  connectTimeoutMs: z.number().int().min(0).max(3_600_000),
  enabled: z.boolean()
};

export const schemas = {
  empty: z.strictObject({}),
  flowId: z.strictObject({ id }),
  createFlow: z.strictObject({ name: flowName, code, language: language.optional() }),
  saveFlow: z.strictObject({ id, code, name: flowName.optional(), expectedVersion: z.number().int().positive().optional() }),
  renameFlow: z.strictObject({ id, name: flowName }),
  flowVersion: z.strictObject({ id, version: z.coerce.number().int().positive() }),
  runFlow: z.strictObject({
    id,
    input: jsonValue.optional(),
    code: code.optional(),
    timeoutMs: z.number().int().min(1).max(86_400_000).optional(),
    connectTimeoutMs: z.number().int().min(0).max(3_600_000).optional(),
    wait: boolish.optional()
  }),
  listRuns: z.strictObject({ id, limit: z.coerce.number().int().min(1).max(200).optional() }),
  runId: z.strictObject({ runId }),
  queueName: z.strictObject({ name: queueName }),
  createQueue: z.strictObject({ name: queueName, flowId: id, ...partial(queueOptions) }),
  updateQueue: z.strictObject({ name: queueName, flowId: id.optional(), ...partial(queueOptions) }),
  enqueue: z.strictObject({
    name: queueName,
    payload: jsonValue.optional(),
    delayMs: z.number().int().min(0).max(365 * 86_400_000).optional(),
    priority: z.number().int().min(-1000).max(1000).optional(),
    idempotencyKey: z.string().min(1).max(LIMITS.MAX_IDEMPOTENCY_KEY_LENGTH).optional()
  }),
  listJobs: z.strictObject({
    name: queueName,
    status: z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.MAX_JOB_LIST_LIMIT).optional(),
    before: z.coerce.number().int().positive().optional()
  }),
  jobRows: z.strictObject({
    name: queueName,
    status: z.enum(['pending', 'running', 'succeeded', 'failed', 'cancelled']).optional(),
    offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.MAX_JOB_LIST_LIMIT).optional()
  }),
  jobId: z.strictObject({ id }),
  jobLogs: z.strictObject({ id, attempt: z.coerce.number().int().positive().optional() })
} as const;

function partial<T extends Record<string, z.ZodType>>(shape: T): { [K in keyof T]: z.ZodOptional<T[K]> } {
  const out: Record<string, z.ZodType> = {};
  for (const [k, v] of Object.entries(shape)) out[k] = v.optional();
  return out as { [K in keyof T]: z.ZodOptional<T[K]> };
}

/** UTF-8 byte length without Buffer (this module also runs in the renderer). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
