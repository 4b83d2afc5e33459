// The queues area: list, create/edit form, header actions and the enqueue form. Roles and labels only.
import { expect, type Locator, type Page } from '@playwright/test';

export interface QueueFormInput {
  name?: string;
  flow?: string;
  concurrency?: number | string;
  maxAttempts?: number | string;
  visibilityTimeoutSec?: number | string;
  hangAfterSec?: number | string;
  connectTimeoutMs?: number | string;
  backoffInitialMs?: number | string;
  backoffMaxMs?: number | string;
  backoffMultiplier?: number | string;
}

export class QueuesPage {
  constructor(readonly page: Page) {}

  /** Opens the Queues area from the activity bar. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Queues', exact: true }).click();
    await expect(this.list).toBeVisible();
  }

  get list(): Locator {
    return this.page.getByRole('navigation', { name: 'Queues' });
  }
  queueItem(name: string): Locator {
    return this.list.getByRole('button', { name: `Queue ${name}` });
  }
  get form(): Locator {
    return this.page.getByRole('form', { name: /New queue|Edit queue/ });
  }
  field(label: string): Locator {
    return this.form.getByLabel(label);
  }

  async startCreate(): Promise<void> {
    await this.list.getByRole('button', { name: 'New queue' }).click();
    await expect(this.form).toBeVisible();
  }

  async fill(input: QueueFormInput): Promise<void> {
    if (input.name !== undefined) await this.field('Queue name').fill(input.name);
    if (input.flow !== undefined) {
      const select = this.field('Flow');
      const option = select.getByRole('option', { name: new RegExp(`^${input.flow} \\(v\\d+\\)$`) });
      await select.selectOption((await option.getAttribute('value'))!);
    }
    const numbers: [keyof QueueFormInput, string][] = [
      ['concurrency', 'Concurrency'],
      ['maxAttempts', 'Max attempts'],
      ['visibilityTimeoutSec', 'Visibility timeout'],
      ['hangAfterSec', 'Hang after'],
      ['connectTimeoutMs', 'Connect timeout'],
      ['backoffInitialMs', 'Backoff initial delay'],
      ['backoffMaxMs', 'Backoff max delay'],
      ['backoffMultiplier', 'Backoff multiplier']
    ];
    for (const [key, label] of numbers) if (input[key] !== undefined) await this.field(label).fill(String(input[key]));
  }

  async submitCreate(): Promise<void> {
    await this.form.getByRole('button', { name: 'Create queue' }).click();
  }

  async create(input: QueueFormInput & { name: string; flow: string }): Promise<void> {
    await this.startCreate();
    await this.fill(input);
    await this.submitCreate();
    await expect(this.form).toBeHidden();
    await expect(this.queueItem(input.name)).toBeVisible();
  }

  async select(name: string): Promise<void> {
    await this.queueItem(name).click();
    await expect(this.page.getByRole('region', { name: `Monitor of ${name}` })).toBeVisible();
  }

  get enqueueForm(): Locator {
    return this.page.getByRole('form', { name: 'Enqueue a job' });
  }

  /** Enqueues one job and returns its id from the confirmation. */
  async enqueue(payload: unknown, opts: { delayMs?: number; priority?: number; idempotencyKey?: string } = {}): Promise<number> {
    const f = this.enqueueForm;
    await f.getByLabel('Payload (JSON)').fill(JSON.stringify(payload));
    await f.getByLabel('Delay (ms)').fill(opts.delayMs === undefined ? '' : String(opts.delayMs));
    await f.getByLabel('Priority').fill(opts.priority === undefined ? '' : String(opts.priority));
    await f.getByLabel('Idempotency key').fill(opts.idempotencyKey ?? '');
    const status = f.getByRole('status');
    const before = (await status.textContent()) ?? '';
    await f.getByRole('button', { name: 'Enqueue' }).click();
    await expect(status).not.toHaveText(before);
    const m = /#(\d+)/.exec((await status.textContent()) ?? '');
    if (!m) throw new Error(`no job id in "${await status.textContent()}"`);
    return Number(m[1]);
  }

  get enabledSwitch(): Locator {
    return this.page.getByRole('switch', { name: 'Queue enabled' });
  }
}
