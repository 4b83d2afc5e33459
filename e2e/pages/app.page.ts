// The app shell and the Flows sidebar: areas, status bar, flow list, create / rename / delete.
import { expect, type Locator, type Page } from '@playwright/test';

export class AppPage {
  readonly sidebar: Locator;
  readonly flowList: Locator;
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.sidebar = page.getByRole('complementary', { name: 'Flows' });
    this.flowList = this.sidebar.getByRole('list', { name: 'Flow list' });
    this.connection = page.getByRole('status', { name: 'Connection' });
  }

  area(name: 'Flows' | 'Queues'): Locator {
    return this.page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name });
  }

  /** The select button of a flow row; its accessible name is "name, language, version N". */
  flow(name: string): Locator {
    return this.flowList.getByRole('button', { name: new RegExp(`^${escape(name)}, `) });
  }

  async waitLive(): Promise<void> {
    await expect(this.connection).toHaveText(/Live/);
  }

  /** Fills the New flow form; does not assert success (FLOW_EXISTS tests use it too). */
  async submitNewFlow(name: string, language: 'JavaScript' | 'TypeScript' = 'JavaScript'): Promise<void> {
    await this.sidebar.getByRole('button', { name: 'New flow' }).click();
    const form = this.page.getByRole('form', { name: 'New flow' });
    await form.getByLabel('Flow name').fill(name);
    await form.getByLabel('Language').selectOption({ label: language });
    await form.getByRole('button', { name: 'Create flow' }).click();
  }

  async createFlow(name: string, language: 'JavaScript' | 'TypeScript' = 'JavaScript'): Promise<void> {
    await this.submitNewFlow(name, language);
    await expect(this.flow(name)).toHaveAttribute('aria-current', 'true');
  }

  async selectFlow(name: string): Promise<void> {
    await this.flow(name).click();
    await expect(this.flow(name)).toHaveAttribute('aria-current', 'true');
  }

  async renameFlow(from: string, to: string): Promise<void> {
    await this.flow(from).hover();
    await this.sidebar.getByRole('button', { name: `Rename ${from}` }).click();
    const form = this.sidebar.getByRole('form', { name: `Rename ${from}` });
    await form.getByLabel('New name').fill(to);
    await form.getByRole('button', { name: 'Rename' }).click();
  }

  async deleteFlow(name: string): Promise<void> {
    await this.flow(name).hover();
    await this.sidebar.getByRole('button', { name: `Delete ${name}` }).click();
    await this.sidebar.getByRole('alertdialog', { name: `Delete ${name}?` }).getByRole('button', { name: 'Delete' }).click();
  }

  alert(): Locator {
    return this.sidebar.getByRole('alert');
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
