import fs from 'node:fs';
import path from 'node:path';
import { makePng, writeZip } from '../support/zipWriter';
import { uploadToServer } from '../support/server';
import { scanLikePdf } from '../support/scanPdf';
import { expect, saveScreenshot, test } from './fixtures';

const BANK = path.resolve(import.meta.dirname, '../fixtures/evidence/bank.docx');

test('评审助手: passages under each item, a click shows one in the summary, a count is offered and taken only on 采用 (#29)', async ({
  openApp,
  app,
}) => {
  await app.call('units.create', { name: '城中支行营业部' });
  const zip = writeZip([
    { name: '2022年度工作总结.docx', data: fs.readFileSync(BANK) },
    ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(30 + i, 20) })),
  ]);
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '城中支行营业部.zip')] });
  const page = await openApp('#/review');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('button', { name: '新增评审人' }).click();
  await page.getByLabel('新评审人姓名').fill('王老师');
  await page.getByLabel('新评审人姓名').press('Enter');

  const study = page.getByTestId('review-item-0');
  const aid = study.getByTestId('item-aid');
  await expect(aid.locator('.desk-item-passage').first()).toContainText('全年共举办专题学习七期');
  await expect(aid.locator('mark').first()).toHaveText('青年夜校');
  // Offered, not filled in: the count stays empty until the reviewer takes it.
  const countField = study.getByLabel('开展组织化学习');
  await expect(countField).toHaveValue('');
  await expect(study.getByTestId('count-suggestion')).toContainText('总结中写到 7 次');
  await study.getByTestId('count-suggestion').getByRole('button', { name: '采用' }).click();
  await expect(countField).toHaveValue('7');
  await expect(study.getByTestId('count-suggestion')).toContainText('已采用');
  // By keyboard: A takes the count again after the reviewer typed another, E walks the passages.
  await countField.fill('3');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await expect(countField).toHaveValue('7');
  const highlighted = () =>
    page.evaluate(() => CSS.highlights.get('desk-passage')?.values().next().value?.toString() ?? '');
  await page.keyboard.press('e');
  await page.keyboard.press('e');
  await expect.poll(highlighted).not.toContain('全年共举办专题学习七期');
  await expect.poll(highlighted).not.toBe('');
  await aid.locator('.desk-item-passage').first().click();
  await expect.poll(highlighted).toContain('全年共举办专题学习七期');
  await expect(page.getByText('已添加评审人')).toBeHidden();
  await saveScreenshot(page, '52-review-aid');

  // The active item shows all its passages; another item shows its best one, on one line.
  await page.getByRole('heading', { name: '评审' }).click();
  for (let i = 0; i < 11; i++) await page.keyboard.press('ArrowDown');
  const display = page.getByTestId('review-item-11');
  await expect(display).toHaveClass(/desk-review-item-active/);
  await display.locator('.desk-item-passage').first().click();
  // The passage is marked in the summary itself (a CSS highlight inside the document's shadow root).
  await expect.poll(highlighted).toContain('营业厅电子屏');

  await page.keyboard.press('Control+s');
  const [submission] = await app.call<Array<{ id: number }>>('submissions.list', {});
  const [reviewer] = await app.call<Array<{ id: number }>>('reviewers.list');
  const [item] = (await app.call<{ items: Array<{ id: number }> }>('campaigns.current')).items;
  await expect
    .poll(async () => {
      const review = await app.call<{ answers: Record<string, { count?: number }> }>('reviews.get', {
        submissionId: submission!.id,
        reviewerId: reviewer!.id,
      });
      return review.answers[String(item!.id)]?.count;
    })
    .toBe(7);
});

test('证据词 are edited in the campaign editor and the passages follow (#29)', async ({ openApp, app }) => {
  await app.call('units.create', { name: '城中支行营业部' });
  const zip = writeZip([{ name: '工作总结.docx', data: fs.readFileSync(BANK) }]);
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '城中支行营业部.zip')] });
  const page = await openApp('#/campaigns');
  await page.getByTestId('campaign-2022').getByRole('button', { name: '编辑' }).click();
  const rows = page.getByTestId('checklist').locator('tbody tr.ant-table-row');
  const words = rows.nth(2).getByTestId('evidence-words');
  await expect(words).toContainText('理论研究');
  await words.locator('input').fill('内刊');
  await words.locator('input').press('Enter');
  await expect(words).toContainText('内刊');
  await saveScreenshot(page, '53-evidence-words');
  await page.getByTestId('campaign-save').click();
  await expect(page.getByText('已保存 2022 年度工作')).toBeVisible();

  const campaign = await app.call<{ items: Array<{ evidenceWords: string[] }> }>('campaigns.current');
  expect(campaign.items[2]!.evidenceWords).toContain('内刊');
  const [submission] = await app.call<Array<{ id: number }>>('submissions.list', {});
  const evidence = await app.call<{ items: Array<{ passages: Array<{ words: string[] }> }> }>('reviews.evidence', {
    submissionId: submission!.id,
  });
  expect(evidence.items[2]!.passages[0]!.words).toContain('内刊');
});

test('收件 flags a material whose summary has no words (a scan) as 没有可读的工作总结 (#29)', async ({
  openApp,
  app,
}) => {
  await app.call('units.create', { name: '柳南区税务局' });
  const zip = writeZip([
    { name: '工作总结.pdf', data: scanLikePdf() },
    ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(50 + i, 20) })),
  ]);
  await app.call('intake.import', { files: [await uploadToServer(app, zip, '柳南区税务局.zip')] });
  const page = await openApp('#/intake');
  await page.getByRole('tab', { name: '已收材料' }).click();
  // Read in the background; the list follows when it is.
  await expect(page.getByTestId('submissions').getByTestId('no-readable-summary')).toHaveText('没有可读的工作总结');
});
