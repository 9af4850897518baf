import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activityPhoto } from '../support/photos';
import { wordDoc } from '../support/wordDoc';
import { makeDocx, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, test } from './fixtures';
import { sectorOf } from '../support/sectors';

/** The start of an HEIC file (an ISO-BMFF `ftyp` box, brand heic): what content sniffing sees. */
function heicHeader(): Buffer {
  const box = Buffer.alloc(24 + 4096);
  box.writeUInt32BE(24, 0);
  box.write('ftypheic', 4, 'latin1');
  box.write('\0\0\0\0mif1heic', 12, 'latin1');
  return box;
}

test('a reviewer scores a whole submission by keyboard beside the evidence; autosave survives a reload', async ({
  openApp,
  app,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-review-'));
  const photos = await Promise.all([1, 2, 3].map((i) => activityPhoto(i, `2022:0${i + 4}:1${i} 10:21:00`)));
  // The school sends an old .doc (where LibreOffice Writer is here to make one), the bank a .docx.
  const schoolDoc = wordDoc('柳州市第一中学团委2022年度工作总结\n\n开展“青年文明号开放日”活动三次，学生志愿者参与。\n');
  for (const name of ['柳州银行营业部', '柳州市第一中学团委']) {
    await app.call('units.create', { name, sectorId: await sectorOf(app, '金融团工委') });
    const summary =
      name === '柳州市第一中学团委' && schoolDoc
        ? { name: '2022年度工作总结.doc', data: schoolDoc }
        : { name: '2022年度工作总结.docx', data: makeDocx(`${name}全年开展组织化学习五次，为群众办实事十件。`) };
    // The school also sends an iPhone photo: HEIC, which no browser draws.
    const heic = name === '柳州市第一中学团委' ? [{ name: 'IMG_0001.HEIC', data: heicHeader() }] : [];
    fs.writeFileSync(
      path.join(dir, `${name}.zip`),
      writeZip([summary, ...photos.map((data, i) => ({ name: `照片${i + 1}.jpg`, data })), ...heic]),
    );
  }
  await app.call('intake.import', { files: [{ path: dir }] }).catch(() => undefined);
  // Browser mode refuses paths; the test sets up through the same upload route the page uses.
  for (const name of ['柳州银行营业部', '柳州市第一中学团委']) {
    const upload = await fetch(`${app.url}/api/upload`, {
      method: 'POST',
      headers: { 'x-desk-token': app.token, 'content-type': 'application/octet-stream' },
      body: fs.readFileSync(path.join(dir, `${name}.zip`)),
    });
    const { value } = (await upload.json()) as { value: { id: string } };
    await app.call('intake.import', { files: [{ upload: value.id, name: `${name}.zip` }] });
  }

  const page = await openApp('#/review');
  await expect(page.getByText('请先选择评审人')).toBeVisible();
  await page.getByRole('button', { name: '新增评审人' }).click();
  await page.getByLabel('新评审人姓名').fill('王老师');
  await page.getByLabel('新评审人姓名').press('Enter');
  await expect(page.getByTestId('review-queue')).toContainText('柳州银行营业部');
  const summary = page.getByTestId('summary-html');
  await expect(summary).toContainText('全年开展组织化学习五次');
  await expect(page.getByTestId('evidence').locator('img')).toHaveCount(3);
  // The gallery shows small copies made by core; the full photo opens on zoom.
  const tile = page.getByTestId('evidence').locator('img').first();
  await expect(tile).toHaveAttribute('src', /\?thumb=1$/);
  await expect.poll(() => tile.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  // Both units sent the same photos: the reviewer is told.
  await expect(page.getByTestId('evidence-badges')).toContainText('有照片与柳州市第一中学团委的材料完全相同');

  // Item 1 is a count: typing a digit goes into its field (once the form has loaded the draft).
  await expect(page.getByTestId('review-saved')).toHaveText('尚未评审');
  await page.getByRole('heading', { name: '评审' }).click();
  await page.keyboard.press('5');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowDown');
  for (let i = 0; i < 11; i++) await page.keyboard.press('y');
  await page.keyboard.press('c');
  await page.keyboard.type('材料扎实，活动丰富');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-total')).toContainText('总分 100');
  await expect(page.getByTestId('review-total')).toContainText('优秀');
  await expect(page.getByTestId('review-saved')).toContainText('已自动保存');
  await page.getByRole('checkbox', { name: '典型做法' }).check();
  await expect(page.getByText('已标记为典型做法')).toBeVisible();
  await page.getByLabel('典型做法说明').fill('开放日与社区联动，可推广');
  await page.getByRole('heading', { name: '评审' }).click();
  await saveScreenshot(page, '14-review-workspace');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('已提交评审')).toBeVisible();

  // The next submission is open (a fresh, unreviewed form); mark one item and let autosave write it, then reload.
  await expect(page.getByTestId('review-saved')).toHaveText('尚未评审');
  await expect(page.getByRole('img', { name: 'IMG_0001.HEIC' })).toHaveText('HEIC');
  if (schoolDoc) {
    await expect(page.getByTestId('summary-text')).toContainText('开展“青年文明号开放日”活动三次');
    await expect(page.getByText('只显示文字（.doc / .wps 的排版和图片未保留')).toBeVisible();
    await saveScreenshot(page, '14b-review-doc-summary');
  }
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('n');
  // Moving back at once, before autosave: what was typed goes to the submission it was typed for,
  // and the one shown now keeps its own answers.
  await page.keyboard.press('k');
  await expect(page.getByTestId('review-total')).toContainText('总分 100');
  await expect(page.getByTestId('review-item-1').getByRole('radio', { name: '已开展' })).toBeChecked();
  await page.keyboard.press('j');
  await expect(page.getByTestId('review-item-1').getByRole('radio', { name: '未开展' })).toBeChecked();
  // Saved: 已保存 when the save landed before J came back here, 已自动保存 HH:MM:SS when it landed after.
  await expect(page.getByTestId('review-saved')).toHaveText(/^已(自动)?保存/);
  await page.reload();
  await expect(page.locator('#root[data-app-state="ready"]')).toBeVisible();
  await expect(page.getByTestId('review-item-1').getByRole('radio', { name: '未开展' })).toBeChecked();

  // ? says what Y / N does and switches it: here, to stay on the item.
  await page.getByRole('heading', { name: '评审' }).click();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-yn')).toContainText('并跳到下一项');
  await page.getByRole('switch', { name: '按 Y / N 后自动跳到下一项' }).click();
  await expect(page.getByTestId('shortcut-yn')).toContainText('停在本项');
  await saveScreenshot(page, '14d-shortcuts-yn-setting');
  await page.keyboard.press('Escape');
  await page.getByRole('heading', { name: '评审' }).click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('y');
  await page.keyboard.press('y');
  await expect(page.getByTestId('review-item-1').getByRole('radio', { name: '已开展' })).toBeChecked();
  await expect(page.getByTestId('review-item-2').getByRole('radio', { name: '已开展' })).not.toBeChecked();

  // A letter typed into a count is said beside the field, and the count stays.
  const count = page.getByTestId('review-item-0').getByRole('spinbutton');
  await count.click();
  await count.fill('7');
  await page.keyboard.type('a');
  await expect(page.getByRole('tooltip')).toContainText('这里只能填数字，“a”未输入，仍为 7');
  await expect(count).toHaveValue('7');
  await saveScreenshot(page, '14e-review-letter-in-count');
  await page.keyboard.press('Escape');

  // The office view: mean, then the final verdict on the basis of the mean.
  await page.getByText('汇总与定级').click();
  const results = page.getByTestId('review-results');
  const bank = results.locator('tr', { hasText: '柳州银行营业部' });
  await expect(bank).toContainText('王老师 100');
  await expect(bank).toContainText('典型做法');
  await bank.getByRole('button', { name: '按均分（优秀）' }).click();
  await expect(bank).toContainText('优秀 100（均分）');
  await saveScreenshot(page, '15-review-results');

  const reviews =
    await app.call<Array<{ unitName: string; total: number; verdict: string; status: string }>>('reviews.list');
  expect(reviews.find((r) => r.status === 'submitted')).toMatchObject({ total: 100, verdict: '优秀' });
  expect(reviews.filter((r) => r.status === 'draft')).toHaveLength(1);
});
