// The Run Now panel: input, run saved / draft, cancel, live log, result or error, recent runs.
import type { Locator, Page } from '@playwright/test';

export class RunPage {
  readonly panel: Locator;
  readonly input: Locator;
  readonly inputError: Locator;
  readonly runSaved: Locator;
  readonly runDraft: Locator;
  readonly cancel: Locator;
  readonly log: Locator;
  readonly result: Locator;
  readonly error: Locator;
  readonly errorCode: Locator;
  readonly gotoLine: Locator;
  readonly status: Locator;
  readonly ranVersion: Locator;
  readonly recent: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByRole('region', { name: 'Run Now' });
    this.input = this.panel.getByLabel('Input (JSON)');
    this.inputError = this.panel.getByRole('alert');
    this.runSaved = this.panel.getByRole('button', { name: /Run saved/ });
    this.runDraft = this.panel.getByRole('button', { name: 'Run draft' });
    this.cancel = this.panel.getByRole('button', { name: /Cancel run/ });
    this.log = this.panel.getByRole('log', { name: 'Run log' });
    this.result = this.panel.getByRole('region', { name: 'Run result' });
    this.error = this.panel.getByRole('region', { name: 'Run error' });
    this.errorCode = this.error.getByLabel('Error code');
    this.gotoLine = this.error.getByRole('button', { name: /Go to line/ });
    this.status = this.panel.getByRole('status', { name: 'Run status' });
    this.ranVersion = this.status.getByLabel('Version that ran');
    this.recent = this.panel.getByRole('list', { name: 'Recent runs' });
  }

  async runWith(input: string): Promise<void> {
    await this.input.fill(input);
    await this.runSaved.click();
  }
}
