// Regressions from the outside UI review, editor side: Ctrl+S saves the editor's current text;
// unsaved drafts survive switching flows and are not overwritten silently; the serve token works
// in new tabs and a refused one shows one clear message.
import { test, expect } from '../fixtures/test';
import { AppPage } from '../pages/app.page';
import { EditorPage } from '../pages/editor.page';

test('Ctrl+S straight after typing saves the last keystrokes and clears the dirty marker', async ({ page, server }) => {
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.createFlow('quick-save');
  await editor.setCode('export default async () => 1;\n');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('// last_keys');
  await page.keyboard.press('ControlOrMeta+S');
  await editor.expectVersion(2);
  await expect(editor.dirty).toHaveCount(0);
  const [f] = await server.api('flows.list', {});
  expect((await server.api('flows.get', { id: f.id })).code).toBe('export default async () => 1;\n// last_keys');

  // Ctrl+S in the same task as the edit, before React renders it (what a fast typist or a
  // paste-and-save hits): a listener after Monaco's own fires the shortcut as the text lands.
  await editor.code.focus();
  await page.keyboard.press('ControlOrMeta+End');
  const how = await editor.code.evaluate((el) => {
    const ctx = (el as HTMLElement & { editContext?: EventTarget }).editContext;
    const fire = (): boolean => el.dispatchEvent(new KeyboardEvent('keydown', { key: 's', code: 'KeyS', ctrlKey: true, bubbles: true, cancelable: true }));
    if (ctx) ctx.addEventListener('textupdate', fire, { once: true });
    else el.addEventListener('input', fire, { once: true });
    return ctx ? 'editContext' : 'textarea';
  });
  expect(['editContext', 'textarea']).toContain(how);
  await page.keyboard.insertText('// same_task');
  await editor.expectVersion(3);
  await expect(editor.dirty).toHaveCount(0);
  expect((await server.api('flows.get', { id: f.id })).code).toBe('export default async () => 1;\n// last_keys// same_task');
});

test('unsaved code survives switching flows, and restore asks before overwriting it', async ({ page, server }) => {
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.createFlow('first');
  await editor.setCode('export default async () => "saved_two";\n');
  await editor.saveWithKeyboard();
  await editor.expectVersion(2);
  await editor.setCode('export default async () => "draft_one";\n');
  await expect(editor.dirty).toBeVisible();
  await app.createFlow('second');
  await app.selectFlow('first');
  await expect(editor.line('draft_one')).toBeVisible();
  await expect(editor.dirty).toBeVisible();

  // Restore while dirty: dismissing the question keeps the draft; accepting restores.
  await editor.openHistory();
  await editor.historyVersion(1).click();
  let question = '';
  page.once('dialog', (d) => {
    question = d.message();
    void d.dismiss();
  });
  await page.getByRole('button', { name: 'Restore this version' }).click();
  await expect.poll(() => question).toContain('Discard your unsaved changes');
  await expect(page.getByRole('button', { name: 'Restore this version' })).toBeVisible();
  const [first] = (await server.api('flows.list', {})).filter((f) => f.name === 'first');
  expect(first.version).toBe(2);
  await page.getByRole('button', { name: 'Close diff' }).click();
  await expect(editor.line('draft_one')).toBeVisible();

  // A reload while dirty is caught by beforeunload.
  const prevented = await page.evaluate(() => {
    const e = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
  expect(prevented).toBe(true);
});

test('the token works in a new tab of the same server; a missing one shows one clear message', async ({ page, server, browser }) => {
  const app = new AppPage(page);
  await app.waitLive();
  expect(new URL(page.url()).searchParams.get('token')).toBeNull();
  const tab = await page.context().newPage();
  await tab.goto(server.baseUrl + '/');
  await expect(new AppPage(tab).connection).toHaveText(/Live/);
  await tab.close();

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(server.baseUrl + '/');
  await expect(other.getByRole('alert')).toContainText('This page needs the Flowdesk token');
  await expect(other.getByRole('alert')).toContainText('api-token');
  await other.screenshot({ path: 'test-results/screenshots/token-missing.png' });
  await other.getByRole('textbox', { name: 'Token' }).fill(server.token);
  await other.getByRole('button', { name: 'Use this token' }).click();
  await expect(new AppPage(other).connection).toHaveText(/Live/);

  // A wrong stored token: the server's UNAUTHORIZED answer turns into the same message.
  await other.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith('flowdesk.token@')) localStorage.setItem(k, 'wrong');
  });
  await other.reload();
  await expect(other.getByRole('alert')).toContainText('This page needs the Flowdesk token');
  await stranger.close();
});
