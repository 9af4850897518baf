import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, test, type DeskApp } from './fixtures';

async function upload(app: DeskApp, name: string, zip: Buffer) {
  const response = await fetch(`${app.url}/api/upload`, {
    method: 'POST',
    headers: { 'x-desk-token': app.token, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(zip),
  });
  const { value } = (await response.json()) as { value: { id: string } };
  await app.call('intake.import', { files: [{ upload: value.id, name }] });
}

test('a 补充 joins the unit’s version in 收件; the drawer says so and the clerk switches it to 重新报送 (#25 item 1)', async ({
  openApp,
  app,
}) => {
  await app.call('units.create', { name: '柳州银行营业部' });
  await upload(
    app,
    '柳州银行营业部.zip',
    writeZip([
      { name: '工作总结.docx', data: makeDocx('总结') },
      ...[1, 2].map((i) => ({ name: `照片${i}.png`, data: makePng(30 + i, 20) })),
    ]),
  );
  await upload(app, '柳州银行营业部-补充照片.zip', writeZip([{ name: '照片3.png', data: makePng(77, 21) }]));
  const page = await openApp('#/intake');
  await page.getByRole('tab', { name: '已收材料' }).click();
  // One row: the version, complete with the 补充's photo (1 summary, 3 photos).
  const row = page.getByTestId('submissions').locator('tr', { hasText: '柳州银行营业部.zip' });
  await expect(row).toContainText('齐全');
  await expect(row).toContainText('1 / 3');
  await row.getByText('柳州银行营业部', { exact: true }).click();
  const taken = page.getByTestId('taken-as');
  await expect(taken).toContainText('并入本版的补充材料（1）');
  await expect(page.getByTestId('submission-files')).toContainText('照片3.png');
  await taken.getByText('柳州银行营业部-补充照片.zip').click();
  await expect(taken).toContainText('补充材料：已并入第 1 版');
  await expect(taken).toContainText('标题或文件名含“补充”');
  await saveScreenshot(page, '12b-submission-supplement');
  await taken.getByTestId('switch-taken-as').click();
  await page.getByLabel('理由').fill('单位来电说明这是修改后的照片');
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByText('已改为重新报送')).toBeVisible();
  await expect(page.getByTestId('taken-as')).toContainText('重新报送：第 2 版');
  await expect(page.getByTestId('submission-history')).toContainText('收为 补充材料 → 重新报送');
});
