import type { Browser, Page } from '@playwright/test';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { uploadToServer } from '../support/server';
import { expect, saveScreenshot, test, type DeskApp } from './fixtures';

const UNITS = ['柳州银行营业部', '柳州市第一中学团委', '柳州市人民医院急诊科'];
const REVIEWERS = ['王老师', '李老师', '张老师'];

/** Three units, three reviewers, each assigned one unit. */
async function room(app: DeskApp): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const [i, name] of UNITS.entries()) {
    await app.call('units.create', { name });
    const zip = writeZip([
      { name: '工作总结.docx', data: makeDocx(`${name}全年开展组织化学习五次。`) },
      { name: '照片1.png', data: makePng(i + 5, 20) },
    ]);
    const done = await app.call<{ sources: Array<{ submission_id: number }> }>('intake.import', {
      files: [await uploadToServer(app, zip, `${name}.zip`)],
    });
    ids[name] = done.sources[0]!.submission_id;
  }
  for (const [i, name] of REVIEWERS.entries()) {
    const reviewer = await app.call<{ id: number }>('reviewers.create', { name });
    await app.call('reviews.assign', {
      request: { mode: 'hand', submissionIds: [ids[UNITS[i]!]], reviewerIds: [reviewer.id] },
    });
    ids[name] = reviewer.id;
  }
  return ids;
}

/** A reviewer's laptop: its own browser context, signed in with the code from the office's table. */
async function laptop(browser: Browser, lan: string, code: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(lan);
  await page.getByLabel('评审验证码').fill(code);
  await page.getByRole('button', { name: '进入评审' }).click();
  await expect(page.getByTestId('review-day-you')).toBeVisible();
  return page;
}

test('集中评审 with three reviewers at once: each in their own queue, the board follows, two tabs conflict, the day ends (#28)', async ({
  openApp,
  app,
  browser,
}) => {
  const ids = await room(app);
  const office = await openApp('#/settings');
  await office.getByRole('tab', { name: '集中评审' }).click();
  await office.getByLabel('本机网络地址').fill('127.0.0.2');
  await office.getByRole('button', { name: '开始集中评审' }).click();
  await expect(office.getByTestId('review-day-url')).toHaveText(/^http:\/\/127\.0\.0\.2:\d+$/);
  const lan = (await office.getByTestId('review-day-url').textContent())!;
  const codeOf = async (name: string) =>
    (await office
      .getByRole('row', { name: new RegExp(name) })
      .getByTestId('review-day-code')
      .textContent())!.trim();

  const pages: Page[] = [];
  for (const name of REVIEWERS) pages.push(await laptop(browser, lan, await codeOf(name)));
  // Each sees their own unit only, and types a comment by keyboard at the same time as the others.
  await Promise.all(
    pages.map(async (page, i) => {
      const queue = page.getByTestId('review-queue');
      await expect(queue).toContainText(UNITS[i]!);
      for (const other of UNITS.filter((_, j) => j !== i)) await expect(queue).not.toContainText(other);
      await expect(page.getByTestId('review-saved')).toHaveText('尚未评审');
      await page.getByTestId('review-day-you').click();
      await page.keyboard.press('c');
      await page.keyboard.type(`${REVIEWERS[i]}的意见`);
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('review-saved')).toContainText('已自动保存');
    }),
  );
  // The board follows: each is 评审中 on their unit.
  for (const [i, name] of REVIEWERS.entries()) {
    const row = office.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('已评 0 · 评审中 1 · 待评 0');
    await expect(row).toContainText(`正在看 ${UNITS[i]}`);
  }

  // 王老师 cannot reach 李老师's submission, nor any office page, whatever the page asks.
  const wang = pages[0]!;
  const forbidden = await wang.evaluate(
    async ([other]) =>
      (
        await (
          await fetch('/api/reviews.get', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ submissionId: other }),
          })
        ).json()
      ).error.code,
    [ids[UNITS[1]!]],
  );
  expect(forbidden).toBe('forbidden');
  await wang.evaluate(() => (location.hash = '#/roster'));
  await expect(wang.getByText('集体名册')).toHaveCount(0);
  await expect(wang.getByTestId('review-queue')).toContainText(UNITS[0]!);

  // A second tab of 王老师 (same laptop) typed on the old version conflicts instead of overwriting.
  const tab = await wang.context().newPage();
  await tab.goto(lan);
  await expect(tab.getByTestId('review-saved')).toContainText('已保存');
  await wang.getByTestId('review-day-you').click();
  await wang.keyboard.press('c');
  await wang.keyboard.type('，第一个窗口补充');
  await wang.keyboard.press('Escape');
  await expect(wang.getByTestId('review-saved')).toContainText('已自动保存');
  await tab.getByTestId('review-day-you').click();
  await tab.keyboard.press('c');
  await tab.keyboard.type('，第二个窗口');
  await tab.keyboard.press('Escape');
  await expect(tab.getByTestId('review-conflict')).toContainText('这份评审已在别处改过');
  expect(
    await app.call<{ comment: string }>('reviews.get', { submissionId: ids[UNITS[0]!], reviewerId: ids['王老师'] }),
  ).toMatchObject({ comment: '王老师的意见，第一个窗口补充' });

  // From the board: 张老师's unit goes to 李老师 (改派), and 李老师's submitted review goes back (退回).
  const zhangRow = office.getByRole('row', { name: /张老师/ });
  await zhangRow.getByRole('button', { name: '展开行' }).click();
  const zhangWork = office.getByTestId(`reviewer-work-${ids['张老师']}`);
  await expect(zhangWork).toContainText(UNITS[2]!);
  await zhangWork.getByLabel(`把 ${UNITS[2]} 改派给`).click();
  await office.locator('.ant-select-dropdown:visible').getByText('李老师').click();
  await expect(office.getByText(`已把 ${UNITS[2]} 改派给李老师`)).toBeVisible();
  const li = pages[1]!;
  await expect(li.getByTestId('review-queue')).toContainText(UNITS[2]!);
  // 张老师 had only that one: his page says so (his draft stays his, in the record).
  await expect(pages[2]!.getByText('办公室还没有给您分配材料')).toBeVisible();
  await expect(office.getByRole('row', { name: /李老师/ })).toContainText('已评 0 · 评审中 1 · 待评 1');
  const campaign = await app.call<{ items: Array<{ id: number; kind: string }> }>('campaigns.current');
  await app.call('reviews.save', {
    submissionId: ids[UNITS[1]!],
    reviewerId: ids['李老师'],
    answers: Object.fromEntries(
      campaign.items.map((i) => [String(i.id), i.kind === 'count' ? { count: 5 } : { done: true }]),
    ),
    comment: '李老师的意见',
    status: 'submitted',
  });
  const liRow = office.getByRole('row', { name: /李老师/ });
  await expect(liRow).toContainText('已评 1 · 评审中 0 · 待评 1');
  await liRow.getByRole('button', { name: '展开行' }).click();
  const liWork = office.getByTestId(`reviewer-work-${ids['李老师']}`);
  await liWork.getByRole('button', { name: '退回重评' }).click();
  await office.getByLabel('退回原因').fill('请写明学习的次数');
  await office.getByRole('dialog').getByRole('button', { name: '退回' }).click();
  await expect(liWork).toContainText('退回');
  await expect(li.getByTestId('review-queue')).toContainText('退回');
  await expect(office.getByRole('dialog')).toBeHidden();
  await expect(office.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await liWork.scrollIntoViewIfNeeded();
  await saveScreenshot(office, '51b-review-day-board-work');

  // The day ends: the address stops answering, so no code opens anything any more.
  await office.getByRole('button', { name: '结束集中评审' }).click();
  await office.getByRole('button', { name: '结束', exact: true }).click();
  await expect(office.getByTestId('review-day-start')).toBeVisible();
  await expect
    .poll(() =>
      fetch(lan).then(
        () => 'open',
        () => 'closed',
      ),
    )
    .toBe('closed');
  await expect(wang.getByTestId('offline-banner')).toBeVisible();
  for (const page of pages) await page.context().close();
});
