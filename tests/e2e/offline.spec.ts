import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, saveScreenshot, startServer, stopServer, test } from './fixtures';

test('when browser mode’s server stops, the page says so at once (#25 item 10)', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-offline-'));
  const { child, info } = await startServer(dataDir);
  try {
    await page.goto(info.entryUrl);
    await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
    await expect(page.getByTestId('offline-banner')).toHaveCount(0);
    await stopServer(child);
    // Not after ~40 s of stale figures: within a few seconds, with nothing clicked.
    await expect(page.getByTestId('offline-banner')).toContainText('连接已断开', { timeout: 5_000 });
    await saveScreenshot(page, '90-offline-banner');
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
