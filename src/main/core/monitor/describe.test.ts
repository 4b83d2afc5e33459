import { describe, expect, it } from 'vitest';
import {
  cancelMessage,
  collateralMessage,
  crashMessage,
  queueDeletedMessage,
  seconds,
  shutdownMessage,
  stalledReason,
  timeoutMessage
} from './describe';

const CONNECT = [{ type: 'tcp-connect', target: 'internal-host:8080', ageMs: 299_400 }];

describe('stop messages name the limit, its value and what was pending', () => {
  it('formats seconds for people', () => {
    expect(seconds(300_000)).toBe('300 s');
    expect(seconds(12_345)).toBe('12.3 s');
    expect(seconds(45_000)).toBe('45 s');
    expect(seconds(2_500)).toBe('2.5 s');
    expect(seconds(500)).toBe('0.5 s');
  });

  it('reads like the story asks', () => {
    expect(timeoutMessage(300_000, 'queue visibility timeout', CONNECT, null)).toBe(
      'Stopped after 300 s (queue visibility timeout); TCP connect to internal-host:8080 pending for 299 s'
    );
    expect(timeoutMessage(3000, 'run time limit', [], 1200)).toBe('Stopped after 3 s (run time limit); event loop blocked (no heartbeat for 1.2 s)');
    expect(stalledReason(45_000, [{ type: 'tcp-connect', target: '127.0.0.1:8080', ageMs: 45_000 }])).toBe(
      'no activity for 45 s — waiting on TCP connect to 127.0.0.1:8080 (45 s)'
    );
  });

  it('never gives a timeout, a cancel, a deleted queue, a shutdown, a crash the same words', () => {
    const messages = [
      timeoutMessage(12_300, 'queue visibility timeout', CONNECT, null),
      cancelMessage(12_300, CONNECT, null),
      queueDeletedMessage('emails', 12_300),
      shutdownMessage(12_300),
      collateralMessage('job:1:1'),
      crashMessage(null, 'SIGKILL'),
      crashMessage(3, null)
    ];
    expect(new Set(messages).size).toBe(messages.length);
    expect(cancelMessage(12_300, [], null)).toBe('Cancelled by user after 12.3 s');
  });
});
