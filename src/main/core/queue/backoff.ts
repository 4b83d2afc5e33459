// Retry delay after a failed attempt: capped exponential backoff with jitter.
//   delay(n) = min(maxMs, initialMs * multiplier^(n-1)) * f,  f uniform in [0.8, 1.0]
// n is the number of attempts that counted so far (1 after the first failure). The jitter only
// shortens the delay, so maxMs stays a true upper bound, and jobs that failed together (a host went
// down) spread out instead of retrying in lockstep.
import type { Backoff } from '../../../shared/domain';

export const JITTER_MIN = 0.8;

export function backoffDelay(backoff: Backoff, attemptNumber: number, random: () => number = Math.random): number {
  const n = Math.max(1, attemptNumber);
  const raw = backoff.initialMs * Math.pow(backoff.multiplier, n - 1);
  const capped = Math.min(backoff.maxMs, Number.isFinite(raw) ? raw : backoff.maxMs);
  const factor = JITTER_MIN + (1 - JITTER_MIN) * Math.min(1, Math.max(0, random()));
  return Math.round(capped * factor);
}
