// The live queue monitor: stats, workers, running jobs, the jobs list and the job detail.
import { expect, type Locator, type Page } from '@playwright/test';

export class MonitorPage {
  readonly root: Locator;
  constructor(readonly page: Page, queue: string) {
    this.root = page.getByRole('region', { name: `Monitor of ${queue}` });
  }

  /** The count shown for a status ("Succeeded jobs" …) as a number. */
  async count(status: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Cancelled'): Promise<number> {
    const text = (await this.root.getByLabel(`${status} jobs`).textContent()) ?? '';
    return Number(text.replace(/[^0-9]/g, '') || NaN);
  }

  get workers(): Locator {
    return this.root.getByRole('table', { name: 'Workers' });
  }
  /** Loaded flow version cells of every worker ("v2", "v1 ← behind v2"). */
  get workerVersions(): Locator {
    return this.workers.getByLabel('Loaded flow version');
  }

  get running(): Locator {
    return this.root.getByRole('table', { name: 'Running jobs' });
  }
  runningRow(id: number): Locator {
    return this.running.getByRole('row', { name: `Running job #${id}` });
  }
  elapsed(id: number): Locator {
    return this.runningRow(id).getByLabel('Elapsed');
  }
  /** The elapsed cell read back as milliseconds ("850 ms", "4.2 s", "3 min 05 s"). */
  async elapsedMs(id: number): Promise<number> {
    return parseDuration((await this.elapsed(id).textContent()) ?? '');
  }
  hangFlag(id: number): Locator {
    return this.runningRow(id).getByRole('status', { name: 'Hang flag' });
  }
  async cancelRunning(id: number): Promise<void> {
    await this.runningRow(id).getByRole('button', { name: `Cancel job #${id}` }).click();
  }

  get jobs(): Locator {
    return this.root.getByRole('list', { name: 'Jobs' });
  }
  jobRow(id: number): Locator {
    return this.jobs.getByRole('listitem', { name: new RegExp(`^Job #${id} `) });
  }
  async filter(status: '' | 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled'): Promise<void> {
    await this.root.getByLabel('Filter jobs by status').selectOption(status);
  }

  detail(id: number): Locator {
    return this.root.getByRole('region', { name: `Job #${id} detail` });
  }
  async openJob(id: number): Promise<Locator> {
    const row = this.jobRow(id);
    await row.focus();
    await row.press('Enter');
    const d = this.detail(id);
    await expect(d).toBeVisible();
    return d;
  }
  /** The flow version of each attempt in the open detail, oldest first. */
  attemptVersions(id: number): Locator {
    return this.detail(id).getByRole('list', { name: 'Attempts timeline' }).getByLabel('Flow version');
  }
}

export function parseDuration(text: string): number {
  let ms = 0;
  for (const [, n, unit] of text.matchAll(/([\d.]+)\s*(ms|s|min|h)\b/g)) {
    ms += Number(n) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'min' ? 60_000 : 3_600_000);
  }
  return ms;
}
