import { describe, expect, it } from 'vitest';
import { errorLocation, formatDuration, parseInput, prettyJson } from './format';

describe('Run Now formatting', () => {
  it('parses the input box: empty is undefined, bad JSON names the problem', () => {
    expect(parseInput('')).toEqual({ ok: true, value: undefined });
    expect(parseInput('  \n')).toEqual({ ok: true, value: undefined });
    expect(parseInput('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    const bad = parseInput('{"a": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message.length).toBeGreaterThan(0);
  });

  it('finds the failing line from the error fields, else from a flow-relative stack', () => {
    expect(errorLocation({ code: 'FLOW_THREW', message: 'x', line: 4, column: 9 })).toEqual({ line: 4, column: 9 });
    expect(errorLocation({ code: 'FLOW_THREW', message: 'x', stack: 'Error: x\n    at boom_default (boom.js:7:3)\n    at node:internal/x:1:1' })).toEqual({
      line: 7,
      column: 3
    });
    expect(errorLocation({ code: 'JOB_TIMEOUT', message: 'Stopped after 300 s' })).toBeNull();
  });

  it('formats durations by magnitude', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(6)).toBe('6 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(42_500)).toBe('42.5 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2m 5s');
  });

  it('pretty-prints results, including undefined', () => {
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
    expect(prettyJson(undefined)).toBe('undefined');
  });
});
