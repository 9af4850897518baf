import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDovecot, type MailServer } from '../support/dovecot';
import { pythonMail } from '../support/pythonMail';
import { needs } from '../support/tools';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { expect, saveScreenshot, test } from './fixtures';

let server: MailServer | null = null;
test.afterEach(async () => {
  await server?.stop();
  server = null;
});

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-mail-e2e-'));

/** One unit's mail, as Python writes it; a 2 MB photo so a fetch of many takes long enough to watch. */
function submission(unit: string, address: string, id: string, day: string): Buffer {
  const zip = path.join(work, `${id}.zip`);
  const photo = Buffer.concat([makePng(80, 60), crypto.randomBytes(2 * 1024 * 1024)]);
  fs.writeFileSync(
    zip,
    writeZip([
      { name: '工作总结.docx', data: makeDocx(unit) },
      ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: i === 1 ? photo : makePng(40 + i, 30) })),
    ]),
  );
  return pythonMail({
    from: `${unit} <${address}>`,
    subject: `${unit}2022年青年文明号材料`,
    date: `${new Date(`${day}T10:00:00+08:00`).toUTCString().replace('GMT', '+0000')}`,
    messageId: `<${id}@e2e>`,
    body: '材料见附件。',
    attachments: [{ file: zip, filename: `${unit}.zip`, type: 'application/zip' }],
  });
}

test.skip(
  !needs('dovecot', 'python3'),
  'needs Debian dovecot-imapd and python3 (the test starts a real IMAP server on loopback)',
);

test('设置 → 邮箱 against a real Dovecot, a fetch on 收件 with progress and its report, a second fetch adding only the new mail', async ({
  openApp,
  app,
}) => {
  test.setTimeout(180_000);
  server = await startDovecot();
  const units = Array.from({ length: 12 }, (_, i) => `柳州市第${i + 1}中学团委`);
  // Mails first (Python takes a while per message), then the roster in one go: an HTTP connection
  // idle past the server's keep-alive would be closed under the next call.
  const day = (i: number) => `2022-10-${String(10 + i).padStart(2, '0')}`;
  const mails = units.map((unit, i) => submission(unit, `u${i}@lzyz.cn`, `m${i}`, day(i)));
  for (const [i, unit] of units.entries()) await app.call('units.create', { name: unit, email: `u${i}@lzyz.cn` });
  // A unit whose first and only mail comes after the deadline (a late mail from a unit that sent in time is its 重新报送,
  // still 按时).
  await app.call('units.create', { name: '柳州市第13中学团委', email: 'u13@lzyz.cn' });
  mails.forEach((mail, i) => server!.deliver(mail, 'INBOX', new Date(`${day(i)}T10:00:00+08:00`)));
  server.deliver(
    pythonMail({
      from: '某单位 <x@test.cn>',
      subject: '自动回复：已收到',
      date: 'Fri, 21 Oct 2022 09:00:00 +0800',
      messageId: '<auto@e2e>',
      body: '您好，邮件已收到。',
    }),
    'INBOX',
    new Date('2022-10-21T09:00:00+08:00'),
  );

  // Nothing set up yet: 收件 says so and leads to the settings.
  const page = await openApp('#/intake');
  await page.getByTestId('mail-fetch').getByRole('button', { name: '去设置邮箱' }).click();
  const form = page.getByTestId('mail-account');
  await expect(form).toBeVisible();
  await form.getByLabel('邮箱类型').click();
  await page.getByTitle('网易 163 邮箱').click();
  await expect(form.getByLabel('IMAP 服务器')).toHaveValue('imap.163.com');
  // The preset fills the 发信服务器 for 催报 too.
  await expect(form.getByLabel('发信服务器', { exact: true })).toHaveValue('smtp.163.com');
  await expect(form.getByLabel('发信端口', { exact: true })).toHaveValue('465');
  await expect(page.getByText('开启 IMAP/SMTP 服务').first()).toBeVisible();
  // The test server stands in for imap.163.com on loopback.
  await form.getByLabel('IMAP 服务器').fill(server.host);
  await form.getByLabel('端口', { exact: true }).fill(String(server.port));
  // The first 不加密 is the IMAP side's; the 发信服务器 keeps its SSL.
  await form.getByText('不加密').first().click();
  await form.getByLabel('邮箱地址').fill(server.user);
  await form.getByLabel('授权码').fill('wrong-code');
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(page.getByText(/邮箱拒绝登录/)).toBeVisible();
  await form.getByLabel('授权码').fill(server.password);
  await page.getByRole('button', { name: '测试连接' }).click();
  await expect(page.getByText(/连接成功/)).toBeVisible();
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('已保存邮箱设置')).toBeVisible();
  await expect(form.getByLabel('授权码')).toHaveAttribute('placeholder', /已保存/);
  await saveScreenshot(page, '15-settings-mail');
  expect(fs.readFileSync(path.join(app.dataDir, 'desk.sqlite')).includes(Buffer.from(server.password))).toBe(false);

  await page.evaluate(() => (location.hash = '#/intake'));
  const card = page.getByTestId('mail-fetch');
  await expect(card).toContainText(server.user);
  await card.getByRole('button', { name: '从邮箱收取' }).click();
  await expect(page.getByTestId('mail-progress')).toBeVisible();
  await expect(page.getByTestId('mail-progress')).toContainText(/第 \d+\/13 封/);
  await expect(
    page.getByText('本次共 13 份：已收 12，待认领 0，重复 0，拒收 0，跳过 1 封无附件邮件；其中逾期 0，材料不齐全 0。'),
  ).toBeVisible({ timeout: 90_000 });
  const table = page.getByTestId('intake-result');
  await expect(table.locator('tr', { hasText: '自动回复：已收到' })).toContainText('没有附件');
  await expect(table.locator('tr', { hasText: '柳州市第1中学团委2022年' })).toContainText('发件邮箱与名册一致');
  await saveScreenshot(page, '16-intake-mail-fetched');

  server.deliver(
    submission('柳州市第13中学团委', 'u13@lzyz.cn', 'late', '2022-11-05'),
    'INBOX',
    new Date('2022-11-05T10:00:00+08:00'),
  );
  await card.getByRole('button', { name: '从邮箱收取' }).click();
  await expect(page.getByText('本次共 1 份：已收 1，待认领 0，重复 0，拒收 0；其中逾期 1，材料不齐全 0。')).toBeVisible(
    { timeout: 60_000 },
  );
  await expect(table).toContainText('逾期');
});
