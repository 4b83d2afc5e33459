// The flow editor: Monaco, save, version, dirty marker, problems, cursor position, history and diffs.
import { expect, type Locator, type Page } from '@playwright/test';

export class EditorPage {
  readonly workspace: Locator;
  readonly code: Locator;
  readonly version: Locator;
  readonly dirty: Locator;
  readonly saveButton: Locator;
  readonly problems: Locator;
  readonly cursor: Locator;
  readonly historyButton: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.workspace = page.getByRole('main', { name: 'Editor' });
    // Monaco's input element carries the editor's ariaLabel.
    this.code = this.workspace.getByRole('textbox', { name: /Flow code editor/ }).first();
    this.version = this.workspace.getByLabel('Current version');
    this.dirty = this.workspace.getByRole('status', { name: 'Unsaved changes' });
    this.saveButton = this.workspace.getByRole('button', { name: /^Save/ });
    this.problems = this.workspace.getByRole('region', { name: 'Problems' });
    this.cursor = this.workspace.getByLabel('Cursor position');
    this.historyButton = this.workspace.getByRole('button', { name: 'History' });
    this.history = page.getByRole('complementary', { name: 'Version history' });
  }

  /**
   * Replaces the whole buffer with `code`: select all, then paste. A paste keeps the text exactly
   * (typing would let Monaco auto-indent and auto-close brackets, changing line numbers).
   */
  async setCode(code: string): Promise<void> {
    await this.code.focus();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.code.evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, code);
  }

  /** Types at the cursor, key by key, as a person would. */
  async type(text: string): Promise<void> {
    await this.code.focus();
    await this.page.keyboard.type(text);
  }

  async saveWithKeyboard(): Promise<void> {
    await this.code.focus();
    await this.page.keyboard.press('ControlOrMeta+S');
  }

  async expectVersion(v: number): Promise<void> {
    await expect(this.version).toHaveText(`v${v}`);
  }

  /** A visible line of code (Monaco renders only what is on screen; use short, unique words). */
  line(text: string): Locator {
    return this.workspace.getByText(text, { exact: false }).first();
  }

  async openHistory(): Promise<void> {
    await this.historyButton.click();
    await expect(this.history).toBeVisible();
  }

  historyVersion(v: number): Locator {
    return this.history.getByRole('button', { name: new RegExp(`^Version ${v}\\b`) });
  }

  diff(v: number, current: number): Locator {
    return this.workspace.getByRole('region', { name: `Compare version ${v} with version ${current}` });
  }
}
