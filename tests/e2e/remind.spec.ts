import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSmtp } from '../support/smtpServer';
import { expect, saveScreenshot, test } from './fixtures';

test('催报 through the office mailbox: a letter and the recipients first, each letter’s outcome after, 重发失败的 (#25 item 3; aiosmtpd on loopback)', async ({
  openApp,
  app,
}) => {
  const smtp = await startSmtp(fs.mkdtempSync(path.join(os.tmpdir(), 'desk-smtp-')), {
    user: 'office@lz.cn',
    password: '授权码abc',
    reject: 'ez@lz.edu.cn',
  });
  try {
    await app.call('units.create', { name: '柳州市第一中学团委', email: 'yz@lz.edu.cn' });
    await app.call('units.create', { name: '柳州市第二中学团委', email: 'ez@lz.edu.cn' });
    await app.call('mail.saveAccount', {
      host: '127.0.0.1',
      port: 1,
      tls: 'off',
      user: 'office@lz.cn',
      folders: ['INBOX'],
      password: '授权码abc',
      smtp: { host: '127.0.0.1', port: smtp.port, tls: 'off' },
    });
    const page = await openApp('#/overview');
    await page.getByTestId('remind-send').click();
    const preview = page.getByTestId('remind-preview');
    await expect(preview.getByTestId('remind-letter')).toContainText('截至目前，我们尚未收到贵单位的报送材料');
    await expect(preview).toContainText('ez@lz.edu.cn');
    await saveScreenshot(page, '64-remind-preview');
    await page.getByRole('button', { name: '发送 2 封' }).click();
    const outcome = page.getByTestId('remind-outcome');
    await expect(outcome.locator('tr', { hasText: '柳州市第一中学团委' })).toContainText('已发送');
    await expect(outcome.locator('tr', { hasText: '柳州市第二中学团委' })).toContainText('失败');
    await expect(outcome.locator('tr', { hasText: '柳州市第二中学团委' })).toContainText('550');
    await expect(outcome).not.toContainText('ECONNREFUSED');
    await saveScreenshot(page, '65-remind-outcome');
    await page.getByTestId('remind-resend-failed').click();
    await expect(page.getByTestId('remind-outcome').locator('tr', { hasText: '柳州市第二中学团委' })).toContainText(
      '失败',
    );
    expect(smtp.messages().map((m) => m.to)).toEqual(['yz@lz.edu.cn']);
  } finally {
    await smtp.stop();
  }
});
