/// <reference lib="dom" />
import type { Locator, Page } from 'playwright-core';

/** Page object for the review station, by role and data-testid only. */
export class StationPage {
  readonly review: Locator;
  readonly image: Locator;

  constructor(readonly page: Page) {
    this.review = page.getByTestId('review');
    this.image = page.getByTestId('review-image');
  }

  async pickInspector(name: string): Promise<void> {
    await this.page.getByTestId('inspector-input').fill(name);
    await this.page.getByTestId('inspector-start').click();
  }

  async importFolder(folder: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Import folder' }).click();
    await this.page.getByTestId('import-path').fill(folder);
    await this.page.getByRole('button', { name: 'Go' }).click();
    await this.page.getByTestId('folder-current').filter({ hasText: folder }).waitFor();
    await this.page.getByTestId('import-start').click();
    await this.page
      .locator('[data-testid="import-progress"][data-state="done"]')
      .waitFor({ timeout: 60_000 });
  }

  async closeDialog(): Promise<void> {
    await this.page.getByRole('button', { name: 'Close' }).click();
  }

  /** Waits until an item's image is painted and returns its id. */
  async currentItemId(): Promise<number> {
    await this.page.locator('[data-testid="review"][data-ready="true"]').waitFor();
    return Number(await this.image.getAttribute('data-item-id'));
  }

  /** Presses a decision key and waits for a different item to be ready (or the queue to empty). */
  async decideWithKey(key: string, previousId: number): Promise<void> {
    await this.page.keyboard.press(key);
    await this.page.waitForFunction((prev) => {
      const root = document.querySelector('[data-testid="review"]');
      const img = document.querySelector('[data-testid="review-image"]');
      if (root?.getAttribute('data-ready') === 'empty') return true;
      return (
        root?.getAttribute('data-ready') === 'true' && img?.getAttribute('data-item-id') !== String(prev)
      );
    }, previousId);
  }

  status(name: 'pending' | 'decided-today' | 'agreement'): Locator {
    return this.page.getByTestId(`status-${name}`);
  }
}
