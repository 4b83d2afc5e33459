// docs/API.md is what script authors read: every contract route must be documented there.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, REQUEST_NAMES, requests } from '../../src/shared/contract';

const doc = readFileSync(join(__dirname, '../../docs/API.md'), 'utf8');

describe('docs/API.md', () => {
  it('documents every route of the contract', () => {
    const missing = REQUEST_NAMES.filter((name) => {
      const { method, path } = requests[name].http;
      return !doc.includes(`${method} ${path}`);
    });
    expect(missing).toEqual([]);
  });

  it('documents every event type', () => {
    expect(EVENT_NAMES.filter((e) => !doc.includes(`\`${e}\``))).toEqual([]);
  });
});
