// Version history: every save is a version; the diff shows what changed; restoring an old version
// saves its code as a new version (history is never rewritten).
import { test, expect } from '../fixtures/test';
import { AppPage } from '../pages/app.page';
import { EditorPage } from '../pages/editor.page';

const V1 = `export default async function (input, ctx) {
  return { answer: 'first_answer' };
}
`;
const V2 = `export default async function (input, ctx) {
  ctx.log('second version');
  return { answer: 'second_answer' };
}
`;

test('history lists versions, diffs one against the current, and restores it as a new version', async ({ page, server }) => {
  const flow = await server.api('flows.create', { name: 'evolving', code: V1 });
  const app = new AppPage(page);
  const editor = new EditorPage(page);
  await app.selectFlow('evolving');
  await editor.expectVersion(1);

  await editor.setCode(V2);
  await editor.saveWithKeyboard();
  await editor.expectVersion(2);

  await editor.openHistory();
  await expect(editor.history.getByRole('button', { name: /^Version \d/ })).toHaveCount(2);
  await expect(editor.historyVersion(2)).toHaveAccessibleName(/current/);
  await editor.historyVersion(1).click();
  const diff = editor.diff(1, 2);
  await expect(diff).toBeVisible();
  // Both sides are on screen: the old line on the left, the new one on the right.
  await expect(diff.getByText('first_answer').first()).toBeVisible();
  await expect(diff.getByText('second_answer').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/history.png' });

  await diff.getByRole('button', { name: 'Restore this version' }).click();
  await editor.expectVersion(3);
  await expect(diff).toHaveCount(0);
  await expect(editor.history.getByRole('button', { name: /^Version \d/ })).toHaveCount(3);
  expect((await server.api('flows.get', { id: flow.id })).code).toBe(V1);
  expect((await server.api('flows.version', { id: flow.id, version: 3 })).code).toBe(V1);
  await expect(editor.line('first_answer')).toBeVisible();
});
