import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, test, type DeskApp } from './fixtures';

async function submit(app: DeskApp, unit: string) {
  const zip = writeZip([
    { name: '总结.docx', data: makeDocx(unit) },
    ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(unit.length * 7 + i, 20) })),
  ]);
  const upload = await fetch(`${app.url}/api/upload`, {
    method: 'POST',
    headers: { 'x-desk-token': app.token, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(zip),
  });
  const { value } = (await upload.json()) as { value: { id: string } };
  await app.call('intake.import', { files: [{ upload: value.id, name: `${unit}.zip` }] });
}

test('the office assigns by hand, reads a review history and sends a review back; the reviewer sees 退回', async ({
  openApp,
  app,
}) => {
  for (const unit of ['柳州银行营业部', '柳州市图书馆少儿部']) {
    await app.call('units.create', { name: unit });
    await submit(app, unit);
  }
  const a = await app.call<{ id: number }>('reviewers.create', { name: '王老师' });
  await app.call('reviewers.create', { name: '李老师' });

  const page = await openApp('#/review');
  await page.getByText('汇总与定级').click();
  const results = page.getByTestId('review-results');
  await results.locator('tr', { hasText: '柳州银行营业部' }).getByRole('checkbox').check();
  await page.getByLabel('分配给评审人').click();
  await page.locator('.ant-select-dropdown:visible').getByText('王老师').click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '把所选 1 份分配给他们' }).click();
  await expect(page.getByText('已分配 1 份评审任务')).toBeVisible();
  await expect(results.locator('tr', { hasText: '柳州银行营业部' })).toContainText('王老师');
  await expect(results.locator('tr', { hasText: '柳州市图书馆少儿部' })).toContainText('未分配');

  // 王老师 reviews (through the API, as the workspace would) and submits.
  const [queued] = await app.call<Array<{ submissionId: number }>>('reviews.queue', { reviewerId: a.id });
  const campaign = await app.call<{ items: Array<{ id: number; kind: string }> }>('campaigns.current');
  const answers = Object.fromEntries(
    campaign.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 4 } : { done: true }]),
  );
  await app.call('reviews.save', {
    submissionId: queued!.submissionId,
    reviewerId: a.id,
    answers,
    comment: '初评',
    status: 'submitted',
  });

  const bankRow = results.locator('tr', { hasText: '柳州银行营业部' });
  await bankRow.getByText('王老师 100').click();
  await page.getByRole('button', { name: '修改记录' }).click();
  await expect(page.getByTestId('review-history')).toContainText('王老师');
  await expect(page.getByTestId('review-history')).toContainText('评语：初评');
  await page.locator('.ant-drawer-close').click();
  await expect(page.locator('.ant-drawer-mask')).toBeHidden();
  await bankRow.getByText('王老师 100').click();
  await page.getByRole('button', { name: '退回重评' }).click();
  await page.getByLabel('退回原因').fill('照片与总结不对应，请核实');
  await page.getByRole('button', { name: '退回', exact: true }).click();
  await expect(bankRow).toContainText('（已退回）');
  await saveScreenshot(page, '17-review-office');

  await page.getByText('我的评审').click();
  await page.getByLabel('评审人').click();
  await page.locator('.ant-select-dropdown:visible').getByText('王老师').click();
  await expect(page.getByTestId('review-queue')).toContainText('退回');
  await expect(page.getByText('办公室退回：照片与总结不对应，请核实')).toBeVisible();
  // Assigned: 王老师 sees only the submission given to him.
  await expect(page.getByTestId('review-queue')).not.toContainText('柳州市图书馆少儿部');
});

test('一键按均分定级 decides every 一致 submission after asking, then 撤销 takes it back; fast clicks raise no page error', async ({
  openApp,
  app,
  page,
}) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const units = ['甲单位', '乙单位', '丙单位', '丁单位', '戊单位', '己单位'];
  for (const unit of units) {
    await app.call('units.create', { name: unit });
    await submit(app, unit);
  }
  const reviewer = await app.call<{ id: number }>('reviewers.create', { name: '王老师' });
  const campaign = await app.call<{ items: Array<{ id: number; kind: string }> }>('campaigns.current');
  const list = await app.call<Array<{ id: number; unitName: string }>>('submissions.list', {});
  // Five reviewed (一致, one reviewer each), 己单位 not.
  for (const s of list.filter((x) => x.unitName !== '己单位')) {
    const answers = Object.fromEntries(
      campaign.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 4 } : { done: true }]),
    );
    await app.call('reviews.save', { submissionId: s.id, reviewerId: reviewer.id, answers, status: 'submitted' });
  }

  const page2 = await openApp('#/review');
  await page2.getByText('汇总与定级').click();
  const results = page2.getByTestId('review-results');
  // Fast clicks: 按均分 twice on a row, 改判 opened and 记录改判 pressed with no reason, then closed.
  const jia = results.locator('tr', { hasText: '甲单位' });
  await jia.getByRole('button', { name: /按均分/ }).click();
  await jia.getByRole('button', { name: /按均分/ }).click({ force: true });
  await expect(jia).toContainText('优秀 100（均分）');
  await results.locator('tr', { hasText: '乙单位' }).getByRole('button', { name: '改判' }).click();
  const dialog = page2.getByRole('dialog', { name: /改判/ });
  await dialog.getByRole('button', { name: '记录改判' }).click();
  await dialog.getByRole('button', { name: '记录改判' }).click();
  await expect(dialog.getByText('改判需要写明理由')).toBeVisible();
  await page2.keyboard.press('Escape');

  await page2.getByTestId('decide-agreed').click();
  // The counts come first: what will be decided and what is left.
  await expect(page2.getByRole('dialog', { name: '一键按均分定级' })).toContainText(
    '定级 4 份；跳过：有分歧 0 份，未评完 1 份，已定级 1 份。',
  );
  await page2.getByRole('button', { name: '定级', exact: true }).click();
  await expect(page2.getByText('已按均分定级 4 份（优秀 4）')).toBeVisible();
  await expect(page2.getByText('未动：有分歧 0 份、未评完 1 份、已定级 1 份。')).toBeVisible();
  for (const unit of ['乙单位', '丙单位', '丁单位', '戊单位'])
    await expect(results.locator('tr', { hasText: unit })).toContainText('优秀 100（均分）');
  await expect(results.locator('tr', { hasText: '己单位' })).not.toContainText('均分）');
  await saveScreenshot(page2, '15c-decide-agreed');
  await page2.locator('.ant-notification').getByRole('button', { name: '撤销' }).click();
  await expect(page2.getByText('已撤销 4 份的定级')).toBeVisible();
  await expect(results.locator('tr', { hasText: '乙单位' })).not.toContainText('（均分）');
  await expect(jia).toContainText('优秀 100（均分）');
  expect(errors).toEqual([]);
});
