// The monitor's words: the hang reason reads as issue 5 asks, and keeps counting from its report.
import { describe, expect, it } from 'vitest';
import { describeHang, formatBytes, formatDuration } from './format';

describe('monitor format', () => {
  it('describes a stalled job waiting on a TCP connect', () => {
    const hang = { kind: 'stalled' as const, sinceMs: 45_000, reason: 'x', pending: [{ type: 'tcp-connect', target: '127.0.0.1:8080', ageMs: 45_200 }] };
    expect(describeHang(hang)).toBe('no activity for 45 s — waiting on TCP connect to 127.0.0.1:8080 (45 s)');
    expect(describeHang(hang, 3_000)).toBe('no activity for 48 s — waiting on TCP connect to 127.0.0.1:8080 (48 s)');
  });

  it('falls back to the engine reason when nothing is pending', () => {
    expect(describeHang({ kind: 'blocked', sinceMs: 5_000, reason: 'heartbeats stopped', pending: [] })).toBe('event loop blocked for 5 s — heartbeats stopped');
  });

  it('formats durations and sizes', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4_200)).toBe('4.2 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(null)).toBe('—');
    expect(formatBytes(47_153_152)).toBe('45.0 MB');
  });
});

describe('attempt outcome labels', () => {
  it('labels attempts ended by a cancel, a deleted queue or a shutdown by their code, not "failed"', async () => {
    const { attemptOutcome, timeoutUsedText } = await import('./format');
    expect(attemptOutcome('failed', 'CANCELLED_BY_USER')).toEqual({ text: 'cancelled', tone: 'warn' });
    expect(attemptOutcome('failed', 'QUEUE_DELETED').text).toBe('interrupted');
    expect(attemptOutcome('failed', 'ENGINE_SHUTDOWN').text).toBe('interrupted');
    expect(attemptOutcome('failed', 'FLOW_THREW')).toEqual({ text: 'failed', tone: 'danger' });
    expect(attemptOutcome('succeeded', null).tone).toBe('ok');
    expect(timeoutUsedText(24_200, 300_000)).toBe('24 s of 300 s');
  });
});
