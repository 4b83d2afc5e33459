// Error codes are the stable strings the UI, scripts and tests branch on.
// Messages are for people and may change; codes may not (see docs/API.md).

/** Codes an API call can fail with. */
export const API_ERROR_CODES = [
  'UNAUTHORIZED',
  'FORBIDDEN_HOST',
  'VALIDATION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'UNSUPPORTED_MEDIA_TYPE',
  'VERSION_CONFLICT',
  'FLOW_IN_USE',
  'FLOW_EXISTS',
  'QUEUE_EXISTS',
  'FLOW_NOT_FOUND',
  'QUEUE_NOT_FOUND',
  'JOB_NOT_FOUND',
  'RUN_NOT_FOUND',
  'JOB_NOT_CANCELLABLE',
  'JOB_NOT_RETRYABLE',
  'RUN_NOT_CANCELLABLE',
  'ENGINE_STOPPED',
  'DATA_DIR_IN_USE',
  'DB_MIGRATION_MISMATCH',
  'DB_OPEN_FAILED',
  'INTERNAL'
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Codes an attempt (queue job) or a Run Now run can end with. */
export const JOB_ERROR_CODES = [
  'FLOW_THREW',
  'FLOW_SYNTAX_ERROR',
  'FLOW_NO_DEFAULT_EXPORT',
  'RESULT_NOT_SERIALIZABLE',
  'JOB_TIMEOUT',
  'CONNECT_TIMEOUT',
  'WORKER_CRASHED',
  'LEASE_EXPIRED',
  'CANCELLED_BY_USER',
  'QUEUE_DELETED',
  'ENGINE_SHUTDOWN',
  /** A worker got an item for code it does not hold and no bundle with it (supervisor should resend). */
  'FLOW_NOT_LOADED'
] as const;
export type JobErrorCode = (typeof JOB_ERROR_CODES)[number];

export type ErrorCode = ApiErrorCode | JobErrorCode;

/** How every error crosses a boundary (IPC, HTTP, worker messages): plain data with a code. */
export interface ErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The one error class the core throws for expected failures. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Turns anything thrown into ErrorData; unknown failures become INTERNAL without leaking stacks. */
export function toErrorData(e: unknown): ErrorData {
  if (e instanceof AppError) return e.toData();
  if (isErrorData(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}

export function isErrorData(v: unknown): v is ErrorData {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as ErrorData).code === 'string' &&
    typeof (v as ErrorData).message === 'string'
  );
}

/** HTTP status for each API error code; the HTTP shell is the only reader. */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  UNAUTHORIZED: 401,
  FORBIDDEN_HOST: 403,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VERSION_CONFLICT: 409,
  FLOW_IN_USE: 409,
  FLOW_EXISTS: 409,
  QUEUE_EXISTS: 409,
  FLOW_NOT_FOUND: 404,
  QUEUE_NOT_FOUND: 404,
  JOB_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  JOB_NOT_CANCELLABLE: 409,
  JOB_NOT_RETRYABLE: 409,
  RUN_NOT_CANCELLABLE: 409,
  ENGINE_STOPPED: 503,
  DATA_DIR_IN_USE: 409,
  DB_MIGRATION_MISMATCH: 500,
  DB_OPEN_FAILED: 500,
  INTERNAL: 500
};

export function httpStatusFor(code: ErrorCode): number {
  return (HTTP_STATUS as Record<string, number>)[code] ?? 500;
}
