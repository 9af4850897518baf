import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedYear } from '../support/seedYear';
import { expect, saveScreenshot, screenshotDir, startServer, stopServer, test } from './fixtures';

const CHARTS = ['chart-daily', 'chart-verdict', 'chart-sector', 'chart-score', 'chart-reviewer'];

test('概览 on a generated year: five SVG charts at 1280 × 800, each bar opening its list, saved as PNG and printed', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-year-'));
  seedYear(dataDir, 240);
  const { child, info } = await startServer(dataDir);
  try {
    await page.goto(info.entryUrl);
    await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
    for (const id of CHARTS) await expect(page.getByTestId(id).locator('svg path').first()).toBeAttached();
    await page.evaluate(() => document.fonts.ready);
    await saveScreenshot(page, '61-overview-dashboard');
    await page.getByTestId('chart-reviewer').scrollIntoViewIfNeeded();
    await saveScreenshot(page, '61b-overview-dashboard-lower');

    // 催报: the 网易有数 rhythm named, and drafts for every unit to chase in one ZIP.
    const remind = page.getByTestId('remind-card');
    await expect(remind).toContainText('建议节奏：截止前三天 10月29日、10月30日、10月31日 每天 10:00');
    const drafts = page.waitForEvent('download');
    await remind.getByRole('button', { name: '生成提醒邮件（每个集体一封）' }).click();
    expect((await drafts).suggestedFilename()).toBe('2022年度催报提醒邮件.zip');
    await expect(remind).toContainText(/已提醒 \d+ 个（今天 \d+ 个）/);

    // Nothing overflows the window at 1280: every chart card is inside it.
    for (const id of CHARTS) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(1280);
    }
    // A red (被拒收) bar opens the list of units whose material was refused, with the reason.
    const figures = await page.getByTestId('dashboard').locator('.ant-statistic').allInnerTexts();
    const refusedCount = Number(/材料被拒收\s*(\d+)/.exec(figures.join('\n'))![1]);
    expect(refusedCount).toBeGreaterThan(0);
    await page.getByTestId('chart-sector').locator('svg path[fill="#dc2626"]').first().click();
    const drawer = page.getByTestId('picked-list');
    await expect(drawer.locator('.ant-drawer-title')).toContainText('材料被拒收');
    await expect(drawer.locator('.ant-table-row').first()).toContainText('被拒收：');
    await saveScreenshot(page, '62-overview-picked-refused');
    await page.keyboard.press('Escape');

    // 保存为图片: a real PNG, twice the card's pixels.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '保存“各系统报送情况”为图片' }).click();
    const png = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-chart-')), 'sectors.png');
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('2022年度各系统报送情况.png');
    await saved.saveAs(png);
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000);

    // 打印: only the chart reaches the paper, at page width, as text and vectors.
    await page.evaluate(() => (window.print = () => undefined));
    await page.getByRole('button', { name: '打印“各系统报送情况”' }).click();
    await expect(page.getByTestId('chart-sector')).toHaveAttribute('data-print', 'on');
    const pdf = path.join(path.dirname(png), 'printed.pdf');
    await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true });
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('各系统报送情况');
    expect(text).toContain('金融团工委');
    expect(text).not.toContain('每日收件');
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      pdf,
      path.join(screenshotDir, '63-overview-printed-chart'),
    ]);
  } finally {
    await stopServer(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
