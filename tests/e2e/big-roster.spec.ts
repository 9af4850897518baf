import { makeRosterRows, rosterXlsx } from '../support/rosterSheets';
import { expect, saveScreenshot, test } from './fixtures';

test('the roster page holds 5,000 units, imported through the UI, and scrolls through a virtual list', async ({
  openApp,
  app,
}) => {
  test.setTimeout(120_000);
  const page = await openApp('#/roster');
  await page.getByRole('button', { name: '导入名册' }).click();
  await page.locator('.ant-modal input[type=file]').setInputFiles({
    name: '全市名册.xlsx',
    mimeType: 'application/octet-stream',
    buffer: await rosterXlsx(makeRosterRows(5000), { mergeSectors: true }),
  });
  await expect(page.getByTestId('import-apply')).toHaveText('导入 5000 个集体', { timeout: 60_000 });
  await page.getByTestId('import-apply').click();
  await expect(page.getByText('新增 5000 个，更新 0 个，无变化 0 个')).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('roster-count')).toHaveText('共 5000 个集体');
  await saveScreenshot(page, '07-roster-5000');

  // Scroll the whole list frame by frame; a virtual list keeps the DOM small wherever it is.
  const holder = page.locator('.ant-table-tbody-virtual-holder');
  const measured = await holder.evaluate(async (el) => {
    const frames: number[] = [];
    let maxRows = 0;
    let last = performance.now();
    for (let i = 0; i < 120; i++) {
      el.scrollTop += el.scrollHeight / 120;
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      frames.push(now - last);
      last = now;
      maxRows = Math.max(maxRows, document.querySelectorAll('.ant-table-tbody-virtual .ant-table-row').length);
    }
    frames.sort((a, b) => a - b);
    return { maxRows, median: frames[60]!, p95: frames[114]! };
  });
  test.info().annotations.push({
    type: 'scroll',
    description: `rows in DOM ≤ ${measured.maxRows}; frame median ${measured.median.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms`,
  });
  console.log(`5,000-unit scroll: ${JSON.stringify(measured)}`);
  expect(measured.maxRows).toBeLessThan(80);
  await holder.evaluate((el) => (el.scrollTop = el.scrollHeight));
  const all = await app.call<Array<{ name: string }>>('units.list');
  await expect(page.locator('.ant-table-row', { hasText: all.at(-1)!.name })).toBeVisible();
  await saveScreenshot(page, '08-roster-5000-scrolled');

  // Search stays instant-feeling on the full roster: pinyin initials narrow 5,000 to a handful.
  await page.getByRole('searchbox', { name: '搜索集体' }).fill('lzslbqtsgsbfb');
  await expect(page.getByTestId('roster-count')).toHaveText(/筛选出 \d+ 个 \/ 共 5000 个集体/);
});
