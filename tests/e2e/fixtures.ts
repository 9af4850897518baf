import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { root } from '../support/build';
import { callServer, startServer, stopServer } from '../support/server';

export interface DeskApp {
  url: string;
  entryUrl: string;
  token: string;
  dataDir: string;
  /** Calls an operation over HTTP the way the renderer does, for test set-up only. */
  call<T = unknown>(name: string, input?: unknown): Promise<T>;
}

/** Each test: its own data folder, its own browser-mode server, a page waiting on the readiness marker. */
export const test = base.extend<{ app: DeskApp; openApp: (hash?: string) => Promise<Page> }>({
  // Playwright requires the destructuring form for fixtures without dependencies
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
    const { child, info } = await startServer(dataDir);
    const call = <T>(name: string, input?: unknown): Promise<T> => callServer<T>(info, name, input);
    await use({ ...info, dataDir, call });
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  openApp: async ({ page, app }, use) => {
    await use(async (hash = '') => {
      await page.goto(app.entryUrl);
      if (hash) await page.evaluate((h) => (location.hash = h), hash);
      await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
      return page;
    });
  },
});

export { callServer, expect, startServer, stopServer };

export const screenshotDir = path.join(root, 'test-results', 'screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`) });
}
