import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { openTestCore, tempDir } from './helpers';
import { sectorOf } from '../support/sectors';

describe('警告提醒 from 动态管理', () => {
  it('writes one RFC 5322 draft per unit with the reason, records it on the unit, and can be taken back', async () => {
    const t = openTestCore();
    await t.call('audit.setUser', { name: '李干事' });
    const a = await t.call('units.create', {
      name: '柳州市两年未报送营业部',
      sectorId: await sectorOf(t, '金融团工委'),
      email: 'yyb@lzbank.cn',
      contact: '王经理',
    });
    const b = await t.call('units.create', {
      name: '柳州市没有邮箱的车间',
      sectorId: await sectorOf(t, '金融团工委'),
      phone: '0772-2800001',
    });
    const reason = '连续 2 年未报送（2021 未报送、2022 未报送）';
    const out = tempDir();
    const warned = await t.unpackTo('dynamics.warn', { unitIds: [a.id, b.id], reason }, out);
    expect(warned).toMatchObject({
      drafts: 1,
      units: [{ id: a.id }],
      noAddress: [{ unitId: b.id, unitName: '柳州市没有邮箱的车间', phone: '0772-2800001' }],
    });
    const files = fs.readdirSync(out);
    expect(files).toEqual(['0001-柳州市两年未报送营业部.eml']);
    const raw = fs.readFileSync(path.join(out, files[0]!), 'latin1');
    // The Chinese subject travels as RFC 2047 encoded words; a parser gives it back whole.
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    const mail = await simpleParser(fs.readFileSync(path.join(out, files[0]!)));
    expect(mail.subject).toBe('【警告提醒】关于柳州市两年未报送营业部青年文明号创建工作的提醒');
    expect(mail.to && 'value' in mail.to ? mail.to.value[0]!.address : null).toBe('yyb@lzbank.cn');
    expect(mail.text).toContain(`经组委会办公室核查：${reason}。`);
    expect(mail.text).toContain('现予以警告提醒');
    expect(mail.headers.get('x-unsent')).toBe('1');

    const history = await t.call('units.history', { unitId: a.id });
    const year = history.years.find((y) => y.year === 2022)!;
    expect(year.reminders).toMatchObject([
      { channel: 'draft', status: 'drafted', subject: mail.subject, reply: reason, address: 'yyb@lzbank.cn' },
    ]);
    // A warning is not a 催报 mail: the chasing list does not count it as reminded.
    const targets = await t.call('remind.targets', {});
    expect(targets.targets.find((x) => x.unitId === a.id)!.lastReminder).toBeNull();
    const audit = await t.call('audit.list', { actions: ['reminder'] });
    expect(audit.rows[0]).toMatchObject({
      actor: '李干事',
      summary: `生成警告提醒邮件草稿 1 封：「柳州市两年未报送营业部」，理由：${reason}`,
    });

    await t.call('dynamics.withdrawWarnings', { reminderIds: warned.reminderIds });
    expect(
      (await t.call('units.history', { unitId: a.id })).years.find((y) => y.year === 2022)!.reminders[0]!.status,
    ).toBe('withdrawn');
    const again = await t.callRaw('dynamics.withdrawWarnings', { reminderIds: warned.reminderIds });
    expect(!again.ok && again.error.code).toBe('no-change');
  });

  it('refuses, with the reason, when no chosen unit has an address or no reason is written', async () => {
    const t = openTestCore();
    const b = await t.call('units.create', { name: '柳州市没有邮箱的车间', sectorId: await sectorOf(t, '金融团工委') });
    const none = await t.callRaw('dynamics.warn', { unitIds: [b.id], reason: '连续 2 年逾期报送' });
    expect(!none.ok && none.error).toMatchObject({ code: 'no-address' });
    const blank = await t.callRaw('dynamics.warn', { unitIds: [b.id], reason: ' ' });
    expect(!blank.ok && blank.error.code).toBe('invalid-input');
    expect((await t.call('units.history', { unitId: b.id })).years.flatMap((y) => y.reminders)).toEqual([]);
  });
});
