import { describe, expect, it } from 'vitest';
import { parseServeArgs } from '../../src/main/server/args';
import { routes, matchRoute } from '../../src/main/server/routes';
import { REQUEST_NAMES } from '../../src/shared/contract';

describe('serve arguments', () => {
  it('reads flags, then the environment', () => {
    expect(parseServeArgs(['--data', '/tmp/x', '--port=4000', '--token', 'abcdefgh12'], {})).toEqual({
      data: '/tmp/x',
      port: 4000,
      token: 'abcdefgh12',
      staticDir: undefined
    });
    expect(parseServeArgs([], { FLOWDESK_DATA_DIR: '/d', FLOWDESK_PORT: '0', FLOWDESK_TOKEN: 'tokentoken' })).toMatchObject({ data: '/d', port: 0, token: 'tokentoken' });
  });

  it('refuses bad values with VALIDATION_FAILED', () => {
    expect(() => parseServeArgs(['--port', '99999'], {})).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => parseServeArgs(['--token', 'short'], {})).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(() => parseServeArgs(['--nope'], {})).toThrow(/Unknown option/);
    expect(() => parseServeArgs(['--data'], {})).toThrow(/needs a value/);
  });
});

describe('route table', () => {
  it('has one route per contract request, none ambiguous', () => {
    expect(routes.map((r) => r.name).sort()).toEqual([...REQUEST_NAMES].sort());
    const keys = routes.map((r) => `${r.method} ${r.pattern.source}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('matches params and tells a wrong method from a missing route', () => {
    expect(matchRoute('GET', '/api/flows/7/versions/3')).toMatchObject({ kind: 'found', route: { name: 'flows.version' }, params: { id: '7', version: '3' } });
    expect(matchRoute('PUT', '/api/queues/q1')).toMatchObject({ kind: 'wrong-method' });
    expect(matchRoute('GET', '/api/unknown')).toEqual({ kind: 'none' });
  });
});
