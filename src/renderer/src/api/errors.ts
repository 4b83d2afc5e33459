import type { ErrorCode, ErrorData } from '../../../shared/errors';

/** An API failure as the renderer sees it, whichever transport carried it. Branch on `code`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly status?: number;
  constructor(data: ErrorData, status?: number) {
    super(data.message);
    this.name = 'ApiError';
    this.code = data.code;
    this.details = data.details;
    this.status = status;
  }
}

export function errorCode(e: unknown): ErrorCode | undefined {
  return e instanceof ApiError ? e.code : (e as { code?: ErrorCode } | undefined)?.code;
}
