import { expect, saveScreenshot, test } from './fixtures';
import { sectorOf } from '../support/sectors';

/** A column header's box; null when it is not laid out. */
async function header(page: import('@playwright/test').Page, testId: string, title: string) {
  return page.getByTestId(testId).locator('th', { hasText: title }).first().boundingBox();
}

test('every page at 1280 × 800: no clipped column, the roster’s phone and e-mail in view, the checklist guidance editable', async ({
  openApp,
  app,
}) => {
  test.setTimeout(120_000);
  await app.call('units.create', {
    name: '柳州市城中区人民政府公园街道办事处社区综合服务中心青年志愿服务队',
    sectorId: await sectorOf(app, '县区团委'),
    contact: '刘洋',
    phone: '0772-2822222',
    email: 'gongyuan.youth@lzcz.gov.cn',
  });
  const page = await openApp('#/roster');
  expect(page.viewportSize()).toEqual({ width: 1280, height: 800 });
  // The roster: 联系电话 and 电子邮箱 are wholly left of the fixed 操作 column, inside the window.
  const actions = (await header(page, 'roster-table', '操作'))!;
  for (const title of ['联系电话', '电子邮箱']) {
    const box = (await header(page, 'roster-table', title))!;
    expect(box.x + box.width, title).toBeLessThanOrEqual(actions.x + 1);
  }
  expect(actions.x + actions.width).toBeLessThanOrEqual(1280);
  await expect(page.getByTestId('roster-table').getByText('gongyuan.youth@lzcz.gov.cn')).toBeVisible();
  await saveScreenshot(page, '50-1280-roster');

  // The checklist editor: the guidance is a real field under its item, not a 20 px sliver.
  await page.evaluate(() => (location.hash = '#/campaigns'));
  await page.getByTestId('campaign-2022').getByRole('button', { name: '编辑' }).click();
  const guidance = page.getByLabel('评审要点').first();
  await expect(guidance).toBeVisible();
  expect((await guidance.boundingBox())!.width).toBeGreaterThan(250);
  await guidance.fill('全年组织化专题学习不少于 4 次；查看签到表和照片');
  await expect(guidance).toHaveValue('全年组织化专题学习不少于 4 次；查看签到表和照片');
  await saveScreenshot(page, '51-1280-checklist-editor');

  for (const [hash, name] of [
    ['#/overview', '52-1280-overview'],
    ['#/intake', '53-1280-intake'],
    ['#/review', '54-1280-review'],
    ['#/export', '55-1280-export'],
    ['#/settings', '56-1280-settings'],
  ] as const) {
    await page.evaluate((h) => (location.hash = h), hash);
    await page.waitForTimeout(400);
    // Nothing wider than the window: the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await saveScreenshot(page, name);
  }
});
