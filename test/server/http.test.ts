// The HTTP shell against the real engine: every flows route, the front door (token, Host, body
// limits), errors with their codes, and the event stream.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/shared/schemas';
import { rawRequest, startHarness, type Harness } from './harness';

let h: Harness;
let staticDir: string;

beforeAll(async () => {
  const { tempDir } = await import('../paths');
  staticDir = tempDir('flowdesk-static-').dir;
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Flowdesk</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  h = await startHarness(staticDir);
});
afterAll(async () => {
  await h?.close();
});

const JS = 'export default async (input) => ({ echo: input });\n';

describe('front door', () => {
  it('binds 127.0.0.1 only', () => {
    const addr = h.server.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
  });

  it('answers health without a token', async () => {
    const r = await h.call('GET', '/api/health', undefined, { authorization: '' });
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('refuses a missing or wrong token with 401 UNAUTHORIZED', async () => {
    const missing = await h.call('GET', '/api/flows', undefined, { authorization: '' });
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('UNAUTHORIZED');
    const wrong = await h.call('GET', '/api/flows', undefined, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('UNAUTHORIZED');
  });

  it('refuses a foreign Host with 403 FORBIDDEN_HOST (DNS rebinding), even with the token', async () => {
    const r = await rawRequest(h.server.port, { path: '/api/flows', headers: { host: 'evil.example:80', authorization: `Bearer ${h.token}` } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('FORBIDDEN_HOST');
    const ok = await rawRequest(h.server.port, { path: '/api/flows', headers: { host: `localhost:${h.server.port}`, authorization: `Bearer ${h.token}` } });
    expect(ok.status).toBe(200);
  });

  it('refuses an oversized body with 413 PAYLOAD_TOO_LARGE and writes nothing', async () => {
    const code = 'x'.repeat(LIMITS.MAX_BODY_BYTES + 10);
    const r = await h.call('POST', '/api/flows', { name: 'big', code });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const list = await h.call('GET', '/api/flows');
    expect(list.body.find((f: { name: string }) => f.name === 'big')).toBeUndefined();
  });

  it('refuses malformed JSON, missing name, wrong type, unknown language and unknown fields with 400 VALIDATION_FAILED', async () => {
    const cases: Array<[string, unknown]> = [
      ['malformed', '{"name": "a", '],
      ['not an object', '[1,2]'],
      ['missing name', { code: JS }],
      ['empty name', { name: '   ', code: JS }],
      ['wrong type', { name: 42, code: JS }],
      ['unknown language', { name: 'a', code: JS, language: 'python' }],
      ['unknown field', { name: 'a', code: JS, owner: 'me' }]
    ];
    for (const [label, body] of cases) {
      const r = await h.call('POST', '/api/flows', body);
      expect(r.status, label).toBe(400);
      expect(r.body.error.code, label).toBe('VALIDATION_FAILED');
      expect(r.body.error.message, label).toBeTruthy();
    }
    const list = await h.call('GET', '/api/flows');
    expect(list.body).toEqual([]);
  });

  it('answers unknown routes 404 NOT_FOUND and wrong methods 405', async () => {
    const r = await h.call('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
    const m = await h.call('PATCH', '/api/flows', {});
    expect(m.status).toBe(405);
    expect(m.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses a non-JSON content type with 415', async () => {
    const r = await h.call('POST', '/api/flows', 'name=a', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('flows', () => {
  it('creates, reads, saves, lists versions and deletes', async () => {
    const created = await h.call('POST', '/api/flows', { name: 'echo', code: JS });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'echo', language: 'javascript', code: JS, version: 1, diagnostics: [] });
    const id = created.body.id;

    const got = await h.call('GET', `/api/flows/${id}`);
    expect(got.body).toMatchObject({ id, name: 'echo', version: 1, code: JS });

    const v2 = JS.replace('echo', 'echoed');
    const saved = await h.call('PUT', `/api/flows/${id}`, { code: v2, expectedVersion: 1 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 2, changed: true, code: v2 });
    expect(saved.body.reload).toMatchObject({ workers: expect.any(Number), acked: expect.any(Number), ms: expect.any(Number) });

    const same = await h.call('PUT', `/api/flows/${id}`, { code: v2 });
    expect(same.body).toMatchObject({ version: 2, changed: false });

    const conflict = await h.call('PUT', `/api/flows/${id}`, { code: v2 + '\n// mine', expectedVersion: 1 });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('VERSION_CONFLICT');

    const versions = await h.call('GET', `/api/flows/${id}/versions`);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body[0].codeHash).toMatch(/^[0-9a-f]{16,}$/);
    const v1 = await h.call('GET', `/api/flows/${id}/versions/1`);
    expect(v1.body).toMatchObject({ version: 1, code: JS });

    const list = await h.call('GET', '/api/flows');
    expect(list.body).toEqual([expect.objectContaining({ id, name: 'echo', version: 2, language: 'javascript' })]);

    const del = await h.call('DELETE', `/api/flows/${id}`);
    expect(del.status).toBe(204);
    const gone = await h.call('GET', `/api/flows/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('FLOW_NOT_FOUND');
  });

  it('returns diagnostics with line and column for code that does not compile, and still saves it', async () => {
    const r = await h.call('POST', '/api/flows', { name: 'broken', code: 'export default async () => {\n  return (1 +;\n};\n' });
    expect(r.status).toBe(201);
    expect(r.body.diagnostics[0]).toMatchObject({ severity: 'error', line: 2 });
    expect(r.body.diagnostics[0].column).toBeGreaterThan(0);
    const ts = await h.call('POST', '/api/flows', { name: 'typed', language: 'typescript', code: 'export default async (n: number): Promise<number> => n * 2;\n' });
    expect(ts.body).toMatchObject({ language: 'typescript', diagnostics: [] });
  });

  it('refuses to delete a flow a queue is bound to with 409 FLOW_IN_USE', async () => {
    const f = await h.call('POST', '/api/flows', { name: 'bound', code: JS });
    const q = await h.call('POST', '/api/queues', { name: 'bound-q', flowId: f.body.id, enabled: false });
    expect(q.status).toBe(201);
    const del = await h.call('DELETE', `/api/flows/${f.body.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('FLOW_IN_USE');
    expect((await h.call('GET', `/api/flows/${f.body.id}`)).status).toBe(200);
  });

  it('answers 404 codes for missing things and 400 for malformed ids', async () => {
    expect((await h.call('GET', '/api/flows/999999')).body.error.code).toBe('FLOW_NOT_FOUND');
    expect((await h.call('GET', '/api/queues/nope')).body.error.code).toBe('QUEUE_NOT_FOUND');
    expect((await h.call('GET', '/api/jobs/999999')).body.error.code).toBe('JOB_NOT_FOUND');
    const bad = await h.call('GET', '/api/flows/abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    const badQueue = await h.call('GET', '/api/queues/Bad%20Name');
    expect(badQueue.body.error.code).toBe('VALIDATION_FAILED');
  });
});

describe('events', () => {
  it('streams flow.saved to a client holding the token in the query', async () => {
    const missing = await fetch(`${h.server.origin}/api/events`);
    expect(missing.status).toBe(401);

    const ctrl = new AbortController();
    const res = await fetch(`${h.server.origin}/api/events?token=${h.token}`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const created = await h.call('POST', '/api/flows', { name: 'evented', code: JS });
    let text = '';
    const deadline = Date.now() + 5000;
    while (!text.includes('event: flow.saved') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
    }
    ctrl.abort();
    const block = text.split('\n\n').find((b) => b.includes('event: flow.saved'))!;
    const data = JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
    expect(data).toMatchObject({ type: 'flow.saved', data: { flow: { id: created.body.id, name: 'evented', version: 1 } } });
    expect(data.seq).toBeGreaterThan(0);
  });
});

describe('static UI', () => {
  it('serves index.html with the CSP and refuses paths outside the folder', async () => {
    const r = await fetch(`${h.server.origin}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await r.text()).toContain('<title>Flowdesk</title>');
    const asset = await fetch(`${h.server.origin}/assets/app.js`);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    const traversal = await rawRequest(h.server.port, { path: '/../../etc/passwd', headers: { host: '127.0.0.1' } });
    expect(traversal.status).toBe(404);
    const encoded = await rawRequest(h.server.port, { path: '/%2e%2e/%2e%2e/etc/passwd', headers: { host: '127.0.0.1' } });
    expect(encoded.status).toBe(404);
  });
});

describe('concurrent savers over HTTP', () => {
  it('keeps every version exactly once with no lost update', async () => {
    const created = await h.call('POST', '/api/flows', { name: 'contended', code: '// v1\nexport default async () => 1;\n' });
    const id = created.body.id;
    const clients = 4;
    const savesPerClient = 6;
    const won: Array<{ version: number; code: string }> = [];
    let conflicts = 0;
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let n = 0; n < savesPerClient; n++) {
          const code = `// client ${c} save ${n}\nexport default async () => ${c * 100 + n};\n`;
          // Read-modify-write with optimistic concurrency: retry on conflict from the fresh version.
          for (;;) {
            const current = await h.call('GET', `/api/flows/${id}`);
            const r = await h.call('PUT', `/api/flows/${id}`, { code, expectedVersion: current.body.version });
            if (r.status === 200) {
              won.push({ version: r.body.version, code });
              break;
            }
            expect(r.body.error.code).toBe('VERSION_CONFLICT');
            conflicts++;
          }
        }
      })
    );
    const total = clients * savesPerClient;
    const versions = await h.call('GET', `/api/flows/${id}/versions`);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: total + 1 }, (_, i) => total + 1 - i));
    expect(won.map((w) => w.version).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 2));
    for (const w of won) {
      const v = await h.call('GET', `/api/flows/${id}/versions/${w.version}`);
      expect(v.body.code).toBe(w.code);
    }
    const final = await h.call('GET', `/api/flows/${id}`);
    expect(final.body.version).toBe(total + 1);
    expect(conflicts).toBeGreaterThanOrEqual(0);
  });
});

describe('path and body', () => {
  it('refuses a body that names another resource than the path', async () => {
    const f = await h.call('POST', '/api/flows', { name: 'path-vs-body', code: JS });
    await h.call('POST', '/api/queues', { name: 'pvb', flowId: f.body.id, enabled: false });
    const r = await h.call('PATCH', '/api/queues/pvb', { name: 'other', concurrency: 2 });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect((await h.call('GET', '/api/queues/pvb')).body.concurrency).toBe(1);
    const same = await h.call('PATCH', '/api/queues/pvb', { name: 'pvb', concurrency: 2 });
    expect(same.body.concurrency).toBe(2);
  });
});
