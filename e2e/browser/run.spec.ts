// Run Now in the browser UI: JSON input, live logs, the result; invalid input refused in place;
// a throwing flow shows FLOW_THREW and jumps the editor to the line.
import { test, expect } from '../fixtures/test';
import { AppPage } from '../pages/app.page';
import { EditorPage } from '../pages/editor.page';
import { RunPage } from '../pages/run.page';

const GREETER = `/** @param {{name: string}} input @param {FlowContext} ctx */
export default async function (input, ctx) {
  ctx.log('starting for', input.name);
  await new Promise((r) => setTimeout(r, 300));
  ctx.warn('almost done');
  return { greeting: 'hello ' + input.name, length: input.name.length };
}
`;

// Line 4 throws.
const THROWER = `export default async function (input, ctx) {
  ctx.log('about to fail');
  const n = Number(input.n);
  if (n > 1) throw new Error('n too big: ' + n);
  return n;
}
`;

test('Run Now with JSON input shows live logs, the result, the version and a duration', async ({ page, server }) => {
  await server.api('flows.create', { name: 'greeter', code: GREETER });
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  const run = new RunPage(page);
  // Created elsewhere: the list learns it by event.
  await app.selectFlow('greeter');

  await run.runWith('{"name": "Ada"}');
  await expect(run.cancel).toBeVisible();
  await expect(run.log).toContainText('starting for Ada');
  await expect(run.log).toContainText('almost done');
  await expect(run.log).toContainText('WARN');
  await expect(run.result).toContainText('"greeting": "hello Ada"');
  await expect(run.status).toContainText('succeeded');
  await expect(run.ranVersion).toHaveText('v1');
  await expect(run.status.getByLabel('Duration')).toHaveText(/\d+(\.\d+)? (ms|s)/);
  await expect(run.cancel).toHaveCount(0);
  await expect(run.recent.getByRole('button')).toHaveCount(1);

  await page.screenshot({ path: 'test-results/screenshots/run-now.png' });
  await run.input.fill('{"name": "Grace"}');
  // The editor with the flow contract's completion open (ctx.… from the FlowContext declarations).
  await editor.code.focus();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await editor.type('ctx.pro');
  // Monaco's TypeScript worker starts on first use: slow on a loaded machine, so a longer bound.
  await expect(page.getByRole('option', { name: /progress/ }).first()).toContainText('progress', { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/screenshots/editor.png' });
  await page.keyboard.press('Escape');

  // A draft runs unsaved code and says so.
  await editor.setCode(GREETER.replace("'hello '", "'hi '"));
  await run.runDraft.click();
  await expect(run.result).toContainText('"greeting": "hi Grace"');
  await expect(run.ranVersion).toHaveText('draft');
  await expect(run.recent.getByRole('button')).toHaveCount(2);

  // Reopen the first run from the list.
  await run.recent.getByRole('button', { name: /v1/ }).click();
  await expect(run.result).toContainText('"greeting": "hello Ada"');
});

test('invalid JSON input is shown in place and nothing runs', async ({ page, server }) => {
  await server.api('flows.create', { name: 'greeter', code: GREETER });
  const app = new AppPage(page);
  const run = new RunPage(page);
  await app.selectFlow('greeter');
  await run.input.fill('{"name": ');
  await expect(run.input).toHaveAttribute('aria-invalid', 'true');
  await expect(run.inputError).toContainText('Invalid JSON');
  await expect(run.runSaved).toBeDisabled();
  await run.input.fill('{"name": "ok"}');
  await expect(run.inputError).toHaveCount(0);
  await expect(run.runSaved).toBeEnabled();
});

test('a flow that throws shows FLOW_THREW and jumps the editor to the line', async ({ page, server }) => {
  await server.api('flows.create', { name: 'thrower', code: THROWER });
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  const run = new RunPage(page);
  await app.selectFlow('thrower');
  await expect(editor.cursor).toHaveText(/^Ln 1,/);

  await run.runWith('{"n": 5}');
  await expect(run.errorCode).toHaveText('FLOW_THREW');
  await expect(run.error).toContainText('n too big: 5');
  await expect(run.log).toContainText('about to fail');
  await expect(run.status).toContainText('failed');
  await run.gotoLine.click();
  await expect(editor.cursor).toHaveText(/^Ln 4,/);
  await expect(editor.code).toBeFocused();
});

test('a long run can be cancelled from the panel and says so', async ({ page, server }) => {
  await server.api('flows.create', {
    name: 'sleeper',
    code: `export default async function (input, ctx) {\n  ctx.log('sleeping');\n  await new Promise((r) => setTimeout(r, 120000));\n}\n`
  });
  const app = new AppPage(page);
  const run = new RunPage(page);
  await app.selectFlow('sleeper');
  await run.runWith('{}');
  await expect(run.log).toContainText('sleeping');
  await expect(run.status).toContainText('running');
  // What it waits on is shown live, with its age.
  await expect(run.panel.getByRole('status', { name: 'Waiting on' })).toContainText(/timer .*\(\d+ s\)/);
  await run.cancel.click();
  await expect(run.errorCode).toHaveText('CANCELLED_BY_USER');
  await expect(run.status).toContainText('cancelled');
  await expect(run.cancel).toHaveCount(0);
});
