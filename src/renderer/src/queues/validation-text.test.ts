// The queue and enqueue forms speak plain words, whatever zod says underneath.
import { describe, expect, it } from 'vitest';
import { schemas } from '../../../shared/schemas';
import { humanizeIssue } from './validation-text';

describe('validator messages in plain words', () => {
  it('maps the texts the reviewer saw', () => {
    expect(humanizeIssue('Invalid input: expected int, received number')).toBe('Must be a whole number');
    expect(humanizeIssue('Too small: expected number to be >=0')).toBe('Must be at least 0');
    expect(humanizeIssue('backoff.maxMs must be >= backoff.initialMs')).toBe('Max delay must be at least the initial delay');
    expect(humanizeIssue('queue names match ^[a-z0-9][a-z0-9._-]{0,63}$')).toBe(
      'Lowercase letters, digits, . _ - ; starts with a letter or digit; up to 64'
    );
  });

  it('covers what the real schemas produce', () => {
    const r = schemas.createQueue.safeParse({ name: 'Bad Name', flowId: 1, concurrency: 1.5, backoff: { initialMs: 500, maxMs: 100, multiplier: 2 } });
    expect(r.success).toBe(false);
    const texts = r.success ? [] : r.error.issues.map((i) => humanizeIssue(i.message));
    for (const t of texts) expect(t).not.toMatch(/expected|received|\^|>=/);
    const enq = schemas.enqueue.safeParse({ name: 'q', delayMs: -1, priority: 1.5 });
    const byField = Object.fromEntries(enq.success ? [] : enq.error.issues.map((i) => [String(i.path[0]), humanizeIssue(i.message)]));
    expect(byField).toEqual({ delayMs: 'Must be at least 0', priority: 'Must be a whole number' });
  });
});
