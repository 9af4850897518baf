import zlib from 'node:zlib';
import { chineseClientEml } from '../support/emlBuilder';
import { activityPhoto } from '../support/photos';
import { makeDocx, makePng, writeZip, type ZipEntryInput } from '../support/zipWriter';
import { expect, saveScreenshot, test } from './fixtures';
import { sectorOf } from '../support/sectors';

// Real-looking JPEGs (made once), so the drawers and screenshots show photos as staff would see them.
let PHOTOS: Buffer[] = [];
test.beforeAll(async () => {
  PHOTOS = await Promise.all([0, 1, 2, 3, 4].map((i) => activityPhoto(i + 11, undefined, 640, 480)));
});

function materials(folder: string, when = '2022-10-25T09:00:00+08:00', photos = 3): ZipEntryInput[] {
  const modified = new Date(when);
  return [
    { name: `${folder}/工作总结.docx`, data: makeDocx(folder), deflate: true, modified },
    ...PHOTOS.slice(0, photos).map((data, i) => ({ name: `${folder}/活动照片${i + 1}.jpg`, data, modified })),
  ];
}

const file = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/octet-stream', buffer });

test('a mixed pile dropped on 收件: results per source, a claim, and the next import matching by itself', async ({
  openApp,
  app,
}) => {
  test.setTimeout(120_000);
  for (const [name, email] of [
    ['柳州市第一中学团委', null],
    ['柳州银行营业部', null],
    ['柳州市人民医院急诊科', 'jzk@lzrmyy.cn'],
    ['柳州市图书馆少儿部', null],
    ['柳州市公交集团1路车队', null],
  ] as const) {
    await app.call('units.create', { name, email });
  }
  const good = writeZip(materials('柳州市第一中学团委'));
  const pile = [
    file('一中材料.zip', good),
    file('一中材料（重发）.zip', good),
    file(
      '来自急诊科.eml',
      chineseClientEml({
        fromName: '急诊科团支部',
        fromAddress: 'jzk@lzrmyy.cn',
        subject: '2022年度青年文明号材料',
        date: 'Mon, 31 Oct 2022 23:30:00 +0800',
        messageId: '<m1@lzrmyy.cn>',
      }),
    ),
    file(
      '柳州银行营业部.zip',
      writeZip([
        { name: '总结.docx', data: makeDocx('银行') },
        { name: '照片.zip', data: writeZip(materials('照片').slice(1)) },
      ]),
    ),
    file('柳州市图书馆少儿部.zip', writeZip(materials('少儿部', '2022-11-02T10:00:00+08:00'))),
    file(
      'bomb.zip',
      writeZip([
        { name: 'a.txt', data: zlib.deflateRawSync(Buffer.alloc(0)), deflate: false },
        { name: 'big.txt', data: Buffer.alloc(80 * 1024 ** 2), deflate: true },
      ]),
    ),
    file('evil.zip', writeZip([{ name: '../../etc/passwd', data: Buffer.from('x') }])),
    file('报送材料.zip', Buffer.concat([Buffer.from('Rar!\u001a\u0007\u0000', 'latin1'), Buffer.alloc(200, 7)])),
    file('青年文明号材料-城中区某单位.zip', writeZip(materials('材料', '2022-10-28T10:00:00+08:00', 4))),
  ];

  const page = await openApp('#/intake');
  await page.locator('[data-testid="intake-drop"] input[type=file]').setInputFiles(pile);
  const table = page.getByTestId('intake-result');
  await expect(page.getByText('本次共 9 份：已收 4，待认领 1，重复 1，拒收 3；其中逾期 1，材料不齐全 1。')).toBeVisible(
    { timeout: 60_000 },
  );
  const row = (source: string) => table.locator('tr', { hasText: source });
  await expect(row('一中材料.zip')).toContainText('柳州市第一中学团委');
  await expect(row('一中材料.zip')).toContainText('文件夹名含单位全称');
  await expect(row('一中材料（重发）.zip')).toContainText('重复');
  await expect(row('来自急诊科.eml')).toContainText('发件邮箱与名册一致');
  await expect(row('来自急诊科.eml')).toContainText('2022-10-31 23:30');
  await expect(row('来自急诊科.eml')).toContainText('按时');
  await expect(row('柳州银行营业部.zip')).toContainText('齐全');
  await expect(row('柳州市图书馆少儿部.zip')).toContainText('逾期');
  await expect(row('bomb.zip')).toContainText('疑似压缩炸弹');
  await expect(row('evil.zip')).toContainText('试图写到收件文件夹以外');
  await expect(row('报送材料.zip')).toContainText('RAR 压缩包无法读取');
  await expect(row('城中区某单位')).toContainText('待认领');
  await saveScreenshot(page, '10-intake-results');

  // The eml's files, decoded, with a thumbnail for the photo.
  await row('来自急诊科.eml').getByRole('button', { name: '查看' }).click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByTestId('submission-files')).toContainText('工作总结.docx');
  await expect(drawer.getByTestId('submission-files')).toContainText('照片一.png');
  await expect(drawer.locator('img[alt="照片一.png"]')).toHaveJSProperty('naturalWidth', 30);
  await page.keyboard.press('Escape');

  // Claim the unrecognised one.
  await page.getByRole('tab', { name: /待认领/ }).click();
  const queue = page.getByTestId('claim-queue');
  await expect(queue).toContainText('青年文明号材料-城中区某单位.zip');
  await queue.getByRole('combobox').click();
  // Pinyin initials, as the box's placeholder promises (公交集团 → gjjt).
  await page.keyboard.type('gjjt');
  await page.locator('.ant-select-dropdown:visible').getByText('柳州市公交集团1路车队').click();
  await queue.getByRole('button', { name: '认领' }).click();
  await expect(page.getByText('已认领给“柳州市公交集团1路车队”，并记住别名：城中区某单位')).toBeVisible();
  await expect(page.getByText('没有待认领的材料')).toBeVisible();
  await saveScreenshot(page, '11-intake-claimed');

  // Next time the same unit's archive matches by itself.
  await page.getByRole('tab', { name: '导入材料' }).click();
  await page
    .locator('[data-testid="intake-drop"] input[type=file]')
    .setInputFiles([file('城中区某单位-修改稿.zip', writeZip(materials('修改稿', '2022-10-29T10:00:00+08:00', 5)))]);
  await expect(page.getByText('本次共 1 份：已收 1，待认领 0，重复 0，拒收 0；其中逾期 0，材料不齐全 0。')).toBeVisible(
    { timeout: 30_000 },
  );
  await expect(row('城中区某单位-修改稿.zip')).toContainText('柳州市公交集团1路车队');
  await expect(row('城中区某单位-修改稿.zip')).toContainText('别名');

  await page.getByRole('tab', { name: '已收材料' }).click();
  await expect(page.getByTestId('submissions').locator('tr', { hasText: '柳州市公交集团1路车队' })).toContainText(
    '第 2 版',
  );
  await saveScreenshot(page, '12-submissions');

  // The unit's materials from the roster: both versions, each openable.
  await page.getByRole('menuitem', { name: '集体名册' }).click();
  await page.getByRole('button', { name: '柳州市公交集团1路车队 的报送材料' }).click();
  const drawer2 = page.locator('.ant-drawer');
  await expect(drawer2).toContainText('第 2 版（当前）');
  await expect(drawer2.getByTestId('submission-files').locator('.ant-list-item')).toHaveCount(6);
  await drawer2.getByText(/第 1 版 ·/).click();
  await expect(drawer2.getByTestId('submission-files').locator('.ant-list-item')).toHaveCount(5);
  await saveScreenshot(page, '13-unit-versions');
  await page.keyboard.press('Escape');

  await page.getByRole('menuitem', { name: '概览' }).click();
  await expect(page.getByTestId('overview-intake')).toHaveText(
    '已收材料 5 个集体（逾期 1，不齐全 1），未报送 0 个；无待认领，拒收 3 份',
  );
  const steps = page.getByTestId('overview-steps');
  await expect(steps).toContainText('已收 5 个集体');
  await expect(steps).toContainText('已评 0 / 5 份，已定级 0');
  await saveScreenshot(page, '01b-overview-working');
  // Each step opens its page.
  await steps.getByText('评审', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '评审' })).toBeVisible();
});

test('intake limits are set in 设置 and used by the next import', async ({ openApp, app }) => {
  const page = await openApp('#/settings');
  await page.getByRole('tab', { name: '收件限制' }).click();
  await expect(page.getByLabel('单份材料解压后上限')).toHaveValue('2048');
  await page.getByLabel('单份材料解压后上限').fill('1');
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存收件限制')).toBeVisible();
  expect(await app.call('intake.limits')).toMatchObject({ maxTotalBytes: 1024 ** 2 });
  await page.getByRole('menuitem', { name: '收件' }).click();
  await page
    .locator('[data-testid="intake-drop"] input[type=file]')
    .setInputFiles([
      file(
        '大文件.zip',
        writeZip([{ name: '照片.png', data: Buffer.concat([makePng(10, 10), Buffer.alloc(2 * 1024 ** 2, 1)]) }]),
      ),
    ]);
  await expect(page.getByTestId('intake-result')).toContainText('超过 1 MB 的上限');
});

test('已收材料 pages through a large campaign from core, 50 at a time, and its filters page too', async ({
  openApp,
  app,
  page,
}) => {
  test.setTimeout(180_000);
  const { uploadToServer } = await import('../support/server');
  const files = [];
  for (let i = 1; i <= 56; i++) {
    const name = `柳州市第${i}青年文明号集体`;
    await app.call('units.create', { name, sectorId: await sectorOf(app, '金融团工委') });
    files.push(
      await uploadToServer(
        app,
        writeZip([
          { name: '工作总结.docx', data: makeDocx(name) },
          ...(i % 8 ? [1, 2, 3].map((p) => ({ name: `照片${p}.png`, data: makePng(3 + p, 3 + i) })) : []),
        ]),
        `${name}.zip`,
      ),
    );
  }
  await app.call('intake.import', { files });
  await openApp('#/intake');
  await page.getByRole('tab', { name: '已收材料' }).click();
  const rows = page.locator('.ant-table-tbody .ant-table-row');
  await expect(rows).toHaveCount(50);
  await expect(page.getByText('共 56 份')).toBeVisible();
  await page.locator('.ant-pagination-item-2').click();
  await expect(rows).toHaveCount(6);
  await page.getByText('不齐全', { exact: true }).click();
  await expect(rows).toHaveCount(7);
  await expect(page.getByText('共 56 份')).toHaveCount(0);

  // 汇总与定级 pages from core too; a tick on one page is still counted on the next.
  await openApp('#/review');
  await page.getByText('汇总与定级').click();
  const results = page.getByTestId('review-results').locator('.ant-table-tbody .ant-table-row');
  await expect(results).toHaveCount(50);
  await expect(page.getByText('共 56 份')).toBeVisible();
  await results.first().getByRole('checkbox').check();
  await page.locator('.ant-pagination-item-2').click();
  await expect(results).toHaveCount(6);
  await results.first().getByRole('checkbox').check();
  await expect(page.getByRole('button', { name: '把所选 2 份分配给他们' })).toBeVisible();
  await saveScreenshot(page, '15b-review-results-page2');

  // A reviewer not yet assigned anything walks the whole campaign, a page at a time: J past the
  // last row of the first page opens the second.
  await page.getByText('我的评审').click();
  await page.getByRole('button', { name: '新增评审人' }).click();
  await page.getByLabel('新评审人姓名').fill('王老师');
  await page.getByLabel('新评审人姓名').press('Enter');
  const queue = page.getByTestId('review-queue').locator('.ant-list-item');
  await expect(queue).toHaveCount(50);
  await expect(page.getByTestId('review-queue-pages')).toBeVisible();
  await queue.last().click();
  await page.locator('body').press('j');
  await expect(queue).toHaveCount(6);
  // The 51st is now selected (drawn bold), first on the second page.
  await expect(queue.first()).toContainText('柳州市第51青年文明号集体');
  await expect(queue.first().locator('div').first()).toHaveCSS('font-weight', '600');
  await page.locator('body').press('k');
  await expect(queue).toHaveCount(50);
  await expect(queue.last().locator('div').first()).toHaveCSS('font-weight', '600');
  await saveScreenshot(page, '14c-review-queue-page2');
});

test('closing the tab during an upload: on reopening, 收件 says the batch was cut off and nothing was imported', async ({
  openApp,
  app,
  page,
}) => {
  test.setTimeout(120_000);
  await app.call('units.create', { name: '柳州市第一中学团委' });
  const opened = await openApp('#/intake');
  // A slow line, so the tab can be closed while the second file is on its way.
  const cdp = await opened.context().newCDPSession(opened);
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 512 * 1024,
  });
  await opened
    .locator('[data-testid="intake-drop"] input[type=file]')
    .setInputFiles([
      file('柳州市第一中学团委.zip', writeZip(materials('柳州市第一中学团委'))),
      file('大文件.zip', writeZip([{ name: '录像.mp4', data: Buffer.alloc(8 * 1024 * 1024, 7) }])),
    ]);
  await expect(opened.getByTestId('intake-progress')).toContainText('正在上传 2/2', { timeout: 30_000 });
  await opened.close();

  const again = await page.context().newPage();
  await again.goto(app.entryUrl.replace(/\?.*$/, '') + '#/intake');
  await expect(again.locator('#root[data-app-state="ready"]')).toBeVisible();
  // Once the upload has been quiet for 15 s it is called cut off.
  await expect(async () => {
    await again.reload();
    await expect(again.getByTestId('interrupted-batch')).toContainText('在上传时中断', { timeout: 2_000 });
  }).toPass({ timeout: 60_000, intervals: [3_000] });
  await expect(again.getByTestId('interrupted-batch')).toContainText('这 2 份材料都没有导入');
  await expect(again.getByTestId('batch-not-stored')).toContainText('柳州市第一中学团委.zip、大文件.zip');
  await saveScreenshot(again, '10b-intake-cut-off');
  expect(await app.call<unknown[]>('submissions.list', {})).toEqual([]);
  const uploads = (await import('node:fs')).readdirSync((await import('node:path')).join(app.dataDir, 'uploads'));
  expect(uploads).toEqual([]);
  await again.getByRole('button', { name: '知道了' }).click();
  await expect(again.getByTestId('interrupted-batch')).toHaveCount(0);
});
