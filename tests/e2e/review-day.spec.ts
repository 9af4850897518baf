import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { uploadToServer } from '../support/server';
import { expect, saveScreenshot, test } from './fixtures';

test('集中评审: the office opens a day on the LAN address, a reviewer signs in on another laptop with a code and reviews only their own queue (#28)', async ({
  openApp,
  app,
  browser,
}) => {
  const ids: Record<string, number> = {};
  for (const name of ['柳州银行营业部', '柳州市第一中学团委']) {
    await app.call('units.create', { name });
    const zip = writeZip([
      { name: '工作总结.docx', data: makeDocx(`${name}全年开展组织化学习五次。`) },
      { name: '照片1.png', data: makePng(name.length, 20) },
    ]);
    const done = await app.call<{ sources: Array<{ submission_id: number }> }>('intake.import', {
      files: [await uploadToServer(app, zip, `${name}.zip`)],
    });
    ids[name] = done.sources[0]!.submission_id;
  }
  const wang = await app.call<{ id: number }>('reviewers.create', { name: '王老师' });
  await app.call('reviewers.create', { name: '李老师' });
  await app.call('reviews.assign', {
    request: { mode: 'hand', submissionIds: [ids['柳州银行营业部']], reviewerIds: [wang.id] },
  });

  // The office starts the day on 127.0.0.2 (standing in for its LAN address).
  const office = await openApp('#/settings');
  await office.getByRole('tab', { name: '集中评审' }).click();
  const address = office.getByLabel('本机网络地址');
  await address.fill('127.0.0.2');
  await office.getByRole('button', { name: '开始集中评审' }).click();
  const url = office.getByTestId('review-day-url');
  await expect(url).toHaveText(/^http:\/\/127\.0\.0\.2:\d+$/);
  const lan = (await url.textContent())!;
  await expect(office.getByTestId('review-day-open')).toContainText('连接没有加密');
  const row = office.getByRole('row', { name: /王老师/ });
  const code = (await row.getByTestId('review-day-code').textContent())!.trim();
  expect(code).toMatch(/^\d{6}$/);

  // Another laptop: its own browser, no office token, no cookies.
  const laptop = await browser.newContext();
  const reviewer = await laptop.newPage();
  await reviewer.goto(lan);
  await expect(reviewer.getByText('请输入办公室发给您的纸条上的 6 位验证码')).toBeVisible();
  await expect(reviewer.getByText('没有加密')).toBeVisible();
  await reviewer.getByLabel('评审验证码').fill(code === '000000' ? '000001' : '000000');
  await reviewer.getByRole('button', { name: '进入评审' }).click();
  await expect(reviewer.getByRole('alert')).toContainText('验证码不对');
  await reviewer.getByLabel('评审验证码').fill(code);
  await reviewer.getByRole('button', { name: '进入评审' }).click();
  await expect(reviewer.getByTestId('review-day-you')).toContainText('评审人：王老师');
  // Only what was assigned to them; nothing of the office's (no side menu, no results, no settings).
  const queue = reviewer.getByTestId('review-queue');
  await expect(queue).toContainText('柳州银行营业部');
  await expect(queue).not.toContainText('柳州市第一中学团委');
  await expect(reviewer.getByText('集体名册')).toHaveCount(0);
  await expect(reviewer.getByTestId('summary-html')).toContainText('全年开展组织化学习五次');
  await reviewer.getByTestId('review-day-you').click();
  await reviewer.keyboard.press('c');
  await reviewer.keyboard.type('现场评审意见');
  await reviewer.keyboard.press('Escape');
  await expect(reviewer.getByTestId('review-saved')).toContainText('已自动保存');
  await saveScreenshot(reviewer, '50-review-day-reviewer');
  expect(await app.call('reviews.get', { submissionId: ids['柳州银行营业部'], reviewerId: wang.id })).toMatchObject({
    comment: '现场评审意见',
  });

  // The office sees where they are; 收回 ends their session at once.
  await expect(row).toContainText('正在看 柳州银行营业部');
  await expect(row).toContainText('已评 0 · 评审中 1 · 待评 0');
  await saveScreenshot(office, '51-review-day-board');
  await row.getByRole('button', { name: '收回' }).click();
  await reviewer.keyboard.press('c');
  await reviewer.keyboard.type('再补一句');
  await expect(reviewer.getByRole('alert')).toContainText('验证码已失效', { timeout: 10_000 });

  // 结束集中评审: the address stops answering.
  await office.getByRole('button', { name: '结束集中评审' }).click();
  await office.getByRole('button', { name: '结束', exact: true }).click();
  await expect(office.getByTestId('review-day-start')).toBeVisible();
  await expect
    .poll(() =>
      reviewer.goto(lan).then(
        () => 'open',
        () => 'closed',
      ),
    )
    .toBe('closed');
  await laptop.close();
});
