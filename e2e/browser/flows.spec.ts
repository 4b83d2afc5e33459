// Flows in the browser UI: create, edit in Monaco, save with Ctrl+S, persistence across reloads,
// diagnostics as markers, rename, and delete refused while a queue is bound (FLOW_IN_USE).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test, expect } from '../fixtures/test';
import { OUT_DIR } from '../fixtures/server';
import { AppPage } from '../pages/app.page';
import { EditorPage } from '../pages/editor.page';

const CODE_V2 = `export default async function (input, ctx) {
  const marker_v2_persisted = 42;
  ctx.log('value', marker_v2_persisted);
  return { marker_v2_persisted };
}
`;

test('create a flow, edit it in Monaco, save with Ctrl+S, and find it after a reload', async ({ page, server }) => {
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.waitLive();
  await expect(page.getByText('No flows yet')).toBeVisible();

  await app.createFlow('greeter');
  await editor.expectVersion(1);
  await editor.setCode(CODE_V2);
  await page.keyboard.press('ControlOrMeta+End');
  await editor.type('// typed_by_hand');
  await expect(editor.dirty).toBeVisible();
  await editor.saveWithKeyboard();
  await editor.expectVersion(2);
  await expect(editor.dirty).toHaveCount(0);
  await expect(app.flow('greeter')).toHaveAccessibleName('greeter, javascript, version 2');
  await expect(page.getByRole('status').filter({ hasText: 'v2 saved' })).toBeVisible();

  await page.reload();
  await editor.expectVersion(2);
  await expect(editor.line('marker_v2_persisted')).toBeVisible();
  const [saved] = await server.api('flows.list', {});
  expect(saved).toMatchObject({ name: 'greeter', version: 2 });
  expect((await server.api('flows.get', { id: saved.id })).code).toBe(`${CODE_V2}// typed_by_hand`);
});

test('a syntax error is saved and shown as a marker with its line', async ({ page }) => {
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.createFlow('broken');
  await editor.setCode('export default async function (input, ctx) {\n  const x = ;\n  return x;\n}\n');
  await editor.saveWithKeyboard();
  await editor.expectVersion(2);
  await expect(editor.problems).toContainText('Line 2');
  await editor.problems.getByRole('button').first().click();
  await expect(editor.cursor).toHaveText(/^Ln 2,/);
  // Monaco's own marker is drawn too (its squiggle carries no role; the problems list is the accessible view).
  await expect(page.locator('.squiggly-error').first()).toBeVisible();
});

test('format document tidies the code through the button', async ({ page, server }) => {
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.createFlow('messy');
  await editor.setCode('export default async function(input,ctx){\nctx.log( "x" );\n        return   1}\n');
  await editor.workspace.getByRole('button', { name: 'Format' }).click();
  await expect.poll(async () => {
    await editor.saveWithKeyboard();
    const [f] = await server.api('flows.list', {});
    return (await server.api('flows.get', { id: f.id })).code;
  }).toMatch(/\(input, ctx\) \{\n  ctx\.log\("x"\);\n  return 1;?\n\}/);
});

test('rename a flow, refuse a duplicate name, and refuse deleting a flow bound to a queue', async ({ page, server }) => {
  const app = new AppPage(page);
  await app.createFlow('orders-v1');
  await app.createFlow('other');

  await app.renameFlow('orders-v1', 'orders');
  await expect(app.flow('orders')).toBeVisible();
  await expect(app.flow('orders-v1')).toHaveCount(0);

  await app.submitNewFlow('other');
  await expect(page.getByRole('form', { name: 'New flow' }).getByRole('alert')).toHaveText(/already exists/);
  await page.getByRole('form', { name: 'New flow' }).getByRole('button', { name: 'Cancel' }).click();

  const flow = (await server.api('flows.list', {})).find((f) => f.name === 'orders')!;
  await server.api('queues.create', { name: 'orders-q', flowId: flow.id });

  await app.deleteFlow('orders');
  await expect(app.alert()).toContainText('bound to queue orders-q — rebind or delete the queue first');
  await expect(app.flow('orders')).toBeVisible();

  await server.api('queues.delete', { name: 'orders-q' });
  await app.deleteFlow('orders');
  await expect(app.flow('orders')).toHaveCount(0);
  await expect(app.flow('other')).toBeVisible();

  // Renames and deletes by another client arrive live, without a reload.
  const other = (await server.api('flows.list', {})).find((f) => f.name === 'other')!;
  await server.api('flows.rename', { id: other.id, name: 'renamed-elsewhere' });
  await expect(app.flow('renamed-elsewhere')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'renamed-elsewhere' })).toBeVisible();
  await server.api('flows.delete', { id: other.id });
  await expect(app.flow('renamed-elsewhere')).toHaveCount(0);
  await expect(page.getByText('No flows yet')).toBeVisible();
});

test('Monaco runs offline under the strict CSP and completes the flow contract', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text());
  });
  await page.reload();
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.createFlow('typed', 'TypeScript');
  await editor.setCode(`import http from 'node:http';\n\nexport default async function (input: unknown, ctx: FlowContext) {\n  \n}\n`);
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await editor.type('ctx.');
  // The suggestion list comes from the TypeScript worker with the flow contract's declarations.
  await expect(page.getByRole('option', { name: /progress/ }).first()).toBeVisible();
  await expect(page.getByRole('option', { name: /connectTimeoutMs|fetch/ }).first()).toBeVisible();
  await page.keyboard.press('Escape');
  expect(refused).toEqual([]);
});

test('saves from another client arrive live; a conflicting save shows both versions and lets me choose', async ({ page, server }) => {
  const flow = await server.api('flows.create', { name: 'shared', code: 'export default async () => "base_code";\n' });
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.selectFlow('shared');
  await editor.expectVersion(1);

  // Clean buffer: another client's save replaces the code and the version.
  await server.api('flows.save', { id: flow.id, code: 'export default async () => "their_first";\n' });
  await editor.expectVersion(2);
  await expect(editor.line('their_first')).toBeVisible();

  // Dirty buffer: the other save is announced, not applied; saving then conflicts.
  await editor.setCode('export default async () => "my_draft";\n');
  await server.api('flows.save', { id: flow.id, code: 'export default async () => "their_second";\n' });
  await expect(editor.workspace.getByRole('alert')).toContainText('v3 was saved elsewhere');
  await editor.saveWithKeyboard();
  const conflict = editor.workspace.getByRole('region', { name: 'Version conflict' });
  await expect(conflict).toContainText('Version conflict');
  await expect(conflict.getByText('their_second').first()).toBeVisible();
  await expect(conflict.getByText('my_draft').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/conflict.png' });
  await conflict.getByRole('button', { name: 'Keep mine (save over v3)' }).click();
  await editor.expectVersion(4);
  await expect(conflict).toHaveCount(0);
  expect((await server.api('flows.get', { id: flow.id })).code).toContain('my_draft');

  // Second round: this time take theirs; the draft is dropped and the editor follows the server.
  await editor.setCode('export default async () => "draft_to_drop";\n');
  await server.api('flows.save', { id: flow.id, code: 'export default async () => "their_third";\n' });
  await expect(editor.workspace.getByRole('alert')).toContainText('v5 was saved elsewhere');
  await editor.saveButton.click();
  await conflict.getByRole('button', { name: 'Take theirs' }).click();
  await expect(conflict).toHaveCount(0);
  await editor.expectVersion(5);
  await expect(editor.dirty).toHaveCount(0);
  await expect(editor.line('their_third')).toBeVisible();
});

test('after a dropped connection the status bar says so, and the UI catches up on reconnect', async ({ page, server }) => {
  const app = new AppPage(page);
  await app.waitLive();
  // Drop the connection for real: stop the server, change data behind the UI's back, start it again
  // on the same port and data folder.
  process.kill(server.pid, 'SIGTERM');
  await expect(app.connection).toHaveText(/Reconnecting/);
  const port = new URL(server.baseUrl).port;
  const restarted = spawn(
    process.execPath,
    [join(OUT_DIR, 'main', 'serve.js'), '--data', server.dataDir, '--port', port, '--token', server.token, '--static', join(OUT_DIR, 'renderer')],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  try {
    await expect.poll(async () => (await fetch(`${server.baseUrl}/api/health`).catch(() => null))?.ok ?? false, { timeout: 20_000 }).toBe(true);
    await server.api('flows.create', { name: 'made-while-away', code: 'export default async () => 1;\n' });
    await app.waitLive();
    await expect(app.flow('made-while-away')).toBeVisible();
  } finally {
    const exited = new Promise((r) => restarted.once('exit', r));
    restarted.kill('SIGTERM');
    const t = setTimeout(() => restarted.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(t);
  }
});
