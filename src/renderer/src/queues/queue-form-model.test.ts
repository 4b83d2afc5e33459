// The queue form validates with the engine's own schemas and maps server issues onto its fields.
import { describe, expect, it } from 'vitest';
import { defaultValues, errorsFromDetails, toInput, validate } from './queue-form-model';

describe('queue form model', () => {
  it('accepts the defaults with a name and a flow', () => {
    const v = { ...defaultValues(1), name: 'invoices' };
    expect(validate(v)).toEqual({});
    expect(toInput(v)).toMatchObject({ name: 'invoices', flowId: 1, concurrency: 1, backoff: { initialMs: 1000, maxMs: 60000, multiplier: 2 } });
  });

  it('flags a bad name, a blank number, a non-number and backoff max below initial', () => {
    const v = { ...defaultValues(1), name: 'Bad Name', concurrency: '', maxAttempts: 'abc', 'backoff.maxMs': '10', connectTimeoutMs: '-1' };
    const e = validate(v);
    expect(e.name).toBe('Lowercase letters, digits, . _ - ; starts with a letter or digit; up to 64');
    expect(e.concurrency).toBe('Required');
    expect(e.maxAttempts).toBe('Enter a number');
    expect(e['backoff.maxMs']).toBe('Max delay must be at least the initial delay');
    expect(e.connectTimeoutMs).toBeDefined();
  });

  it('asks for a flow when none is chosen', () => {
    expect(validate({ ...defaultValues(null), name: 'a' }).flowId).toMatch(/flow/);
  });

  it('maps VALIDATION_FAILED issues to fields and unknown paths to the form', () => {
    const e = errorsFromDetails({ issues: [{ path: 'backoff.multiplier', message: 'too big' }, { path: '(input)', message: 'odd' }] }, 'x');
    expect(e['backoff.multiplier']).toBe('Too big');
    expect(e.form).toBe('Odd');
    expect(errorsFromDetails(undefined, 'fallback')).toEqual({ form: 'fallback' });
  });
});
