import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/sharedFixtures';
import { startSmtp } from '../support/smtpServer';
import { makeDocx, makePng } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

const bin = path.resolve(__dirname, '../../bin/desk.js');
const UNITS = [
  { name: '柳州银行营业部', email: 'yyb@lzbank.cn' },
  { name: '柳州市人民医院急诊科', email: 'jzk@lzrmyy.cn' },
  { name: '柳州市第一中学团委', email: 'yz@lz.edu.cn' },
  { name: '柳州市第二中学团委', email: 'ez@lz.edu.cn' },
  { name: '柳州市公交集团一路车队', email: null },
  { name: '柳州市城中区公园街道办事处', email: 'gy@lzcz.gov.cn' },
];

/** ZIPs written by 7-Zip, named after their unit: complete, summary only, and one with a password. */
function zipFor(dir: string, unit: string, photos: number): string {
  const work = fs.mkdtempSync(path.join(dir, 'src-'));
  fs.writeFileSync(path.join(work, '工作总结.docx'), makeDocx(unit));
  for (let i = 1; i <= photos; i++) fs.writeFileSync(path.join(work, `照片${i}.png`), makePng(unit.length * 10 + i, 8));
  const file = path.join(dir, `${unit}.zip`);
  execFileSync('7zz', ['a', '-tzip', file, '.'], { cwd: work, stdio: 'ignore' });
  return file;
}

async function office() {
  const t = openTestCore();
  for (const u of UNITS)
    await t.call('units.create', {
      name: u.name,
      sectorId: u.name.includes('中学') ? 8 : 6,
      email: u.email,
      contact: '联系人',
      phone: '0772-2820000',
    });
  const dir = tempDir();
  const refused = path.join(dir, `${UNITS[1]!.name}.zip`);
  fs.copyFileSync(path.join(FIXTURES, 'zip_encrypted/zipcrypto_infozip_pw_secret.zip'), refused);
  // 银行 complete (not chased); 一中 summary only (incomplete); 急诊科 refused (password); the rest sent nothing.
  await t.call('intake.import', {
    files: localFiles([zipFor(dir, UNITS[0]!.name, 3), zipFor(dir, UNITS[2]!.name, 0), refused]),
  });
  return t;
}

const desk = (dataDir: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [bin, '--data', dataDir, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });

describe.skipIf(!needs('fixtures'))('催报 reminders (the shared fixtures)', () => {
  it('drafts one .eml per unit in the office’s words, each a valid message a parser reads back, recorded on the unit', async () => {
    const t = await office();
    const targets = (await t.call('remind.targets', {})).targets;
    expect(targets.map((x) => [x.unitName, x.situation])).toEqual([
      ['柳州市人民医院急诊科', 'refused'],
      ['柳州市公交集团一路车队', 'missing'],
      ['柳州市城中区公园街道办事处', 'missing'],
      ['柳州市第一中学团委', 'incomplete'],
      ['柳州市第二中学团委', 'missing'],
    ]);
    const out = tempDir();
    const drafts = await t.unpackTo('remind.drafts', { per: 'unit' }, out);
    expect(drafts.drafts).toBe(4);
    expect(drafts.noAddress.map((n) => n.unitName)).toEqual(['柳州市公交集团一路车队']);
    const files = fs.readdirSync(out).sort();
    expect(files).toHaveLength(4);
    const parsed = await Promise.all(
      files.map(async (f) => ({
        raw: fs.readFileSync(path.join(out, f), 'latin1'),
        mail: await simpleParser(fs.readFileSync(path.join(out, f))),
      })),
    );
    for (const { raw, mail } of parsed) {
      // RFC 2047 on the wire, Chinese once decoded.
      expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
      expect(mail.subject).toMatch(/^【提醒】请报送2022年度青年文明号集体材料——/);
      expect(mail.messageId).toMatch(/^<remind-.+@committee-desk\.local>$/);
      expect(mail.text).toContain('2022年10月31日 24:00 前报送');
    }
    const refused = parsed.find((p) => p.mail.subject!.endsWith('急诊科'))!.mail;
    expect((refused.to as { text: string }).text).toBe('jzk@lzrmyy.cn');
    expect(refused.text).toMatch(/密码/);
    expect(parsed.find((p) => p.mail.subject!.endsWith('第一中学团委'))!.mail.text).toContain('材料尚不齐全');

    const bySector = tempDir();
    await t.unpackTo('remind.drafts', { per: 'sector' }, bySector);
    const education = await simpleParser(
      fs.readFileSync(
        path.join(
          bySector,
          fs.readdirSync(bySector).find((f) => f.includes('教育'))!,
        ),
      ),
    );
    expect((education.bcc as { value: Array<{ address: string }> }).value.map((a) => a.address).sort()).toEqual([
      'ez@lz.edu.cn',
      'yz@lz.edu.cn',
    ]);

    const units = await t.call('units.list', {});
    const history = await t.call('units.history', { unitId: units.find((u) => u.name === '柳州市第二中学团委')!.id });
    expect(history.years[0]!.reminders.map((r) => [r.channel, r.status])).toEqual([
      ['draft', 'drafted'],
      ['draft', 'drafted'],
    ]);
    expect((await t.call('audit.list', { actions: ['reminder'] })).total).toBe(2);

    // The phone list: who to call, and what to ask for.
    const phones = await t.saveTo('remind.phoneList', { format: 'xlsx' }, path.join(tempDir(), '电话.xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(phones.file);
    const sheet = book.getWorksheet('电话催报')!;
    expect(sheet.getRow(2).values).toEqual([
      undefined,
      '序号',
      '集体名称',
      '系统',
      '联系人',
      '联系电话',
      '情况',
      '需要对方做的',
    ]);
    expect(sheet.rowCount).toBe(2 + 5);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '1',
      '柳州市人民医院急诊科',
      '金融团工委',
      '联系人',
      '0772-2820000',
      '材料被拒收',
      expect.stringContaining('密码'),
    ]);
    const pdf = await t.saveTo('remind.phoneList', { format: 'pdf' }, path.join(tempDir(), '电话.pdf'));
    expect(execFileSync('pdftotext', [pdf.file, '-'], { encoding: 'utf8' })).toContain('柳州市公交集团一路车队');
  });

  it.skipIf(!needs('aiosmtpd'))(
    'sends through a real SMTP server on loopback: the right recipients, decoded subjects, a refused one with the server’s reply, none twice in a day',
    async () => {
      const t = await office();
      const dataDir = t.dataDir;
      await t.core.close();
      const smtp = await startSmtp(tempDir(), { user: 'office@lz.cn', password: '授权码abc', reject: 'ez@lz.edu.cn' });
      try {
        const args = [
          'remind',
          'send',
          '--host',
          '127.0.0.1',
          '--port',
          String(smtp.port),
          '--tls',
          'off',
          '--user',
          'office@lz.cn',
          '--password-env',
          'DESK_PW',
          '--interval-ms',
          '50',
          '--json',
        ];
        const dry = desk(dataDir, [...args, '--dry-run'], { DESK_PW: '授权码abc' });
        expect(JSON.parse(dry.stdout).value.sent).toHaveLength(4);
        expect(smtp.messages()).toHaveLength(0);

        const run = desk(dataDir, args, { DESK_PW: '授权码abc' });
        const report = JSON.parse(run.stdout).value;
        expect(run.status).toBe(3);
        expect(report.sent.map((s: { address: string }) => s.address).sort()).toEqual([
          'gy@lzcz.gov.cn',
          'jzk@lzrmyy.cn',
          'yz@lz.edu.cn',
        ]);
        expect(report.failed).toEqual([
          expect.objectContaining({ address: 'ez@lz.edu.cn', reply: expect.stringContaining('550 5.1.1') }),
        ]);
        const received = smtp.messages();
        expect(received.map((m) => m.to).sort()).toEqual(['gy@lzcz.gov.cn', 'jzk@lzrmyy.cn', 'yz@lz.edu.cn']);
        for (const m of received) {
          const mail = await simpleParser(m.raw);
          expect(mail.subject).toMatch(/^【提醒】请报送2022年度青年文明号集体材料——/);
          expect(mail.headers.has('bcc')).toBe(false);
        }

        // The same day again: nobody reminded twice; the refused one is tried again.
        const again = JSON.parse(desk(dataDir, args, { DESK_PW: '授权码abc' }).stdout).value;
        expect(again.skipped.map((s: { why: string }) => s.why)).toEqual(['today', 'today', 'today']);
        expect(smtp.messages()).toHaveLength(3);

        // A wrong 授权码: a stable code and the server's words.
        const wrong = desk(dataDir, [...args.filter((a) => a !== '--json'), '--json'], { DESK_PW: '错误' });
        expect(JSON.parse(wrong.stdout)).toMatchObject({
          ok: false,
          error: { code: 'smtp-failed', message: expect.stringContaining('535') },
        });
        // Unencrypted to a server off this machine is refused before connecting.
        const plain = desk(
          dataDir,
          [
            'remind',
            'send',
            '--host',
            'smtp.163.com',
            '--port',
            '25',
            '--tls',
            'off',
            '--user',
            'office@lz.cn',
            '--password-env',
            'DESK_PW',
            '--json',
          ],
          { DESK_PW: 'x' },
        );
        expect(JSON.parse(plain.stdout)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

        const core = openTestCore(dataDir);
        const units = await core.call('units.list', {});
        const history = await core.call('units.history', {
          unitId: units.find((u) => u.name === '柳州市第二中学团委')!.id,
        });
        // Tried on each run (it was never delivered), each failure with the server's own reply.
        expect(history.years[0]!.reminders.map((r) => [r.channel, r.status, r.reply?.match(/^\d{3}/)?.[0]])).toEqual([
          ['smtp', 'failed', '550'],
          ['smtp', 'failed', '550'],
          ['smtp', 'failed', '535'],
        ]);
        const sent = await core.call('units.history', {
          unitId: units.find((u) => u.name === '柳州市第一中学团委')!.id,
        });
        expect(sent.years[0]!.reminders.filter((r) => r.status === 'sent')).toEqual([
          expect.objectContaining({ address: 'yz@lz.edu.cn', reply: expect.stringContaining('250') }),
        ]);
      } finally {
        await smtp.stop();
      }
    },
  );

  it.skipIf(!needs('aiosmtpd'))('killed mid-batch, then run again: no unit receives two reminders', async () => {
    const t = openTestCore();
    for (let i = 0; i < 8; i++)
      await t.call('units.create', {
        name: `柳州市第${i + 1}青年文明号集体`,
        sectorId: await sectorOf(t, '金融团工委'),
        email: `u${i}@lz.cn`,
      });
    const dir = tempDir();
    // One submission, so the campaign counts as run; the eight are the non-submitters.
    await t.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(t, '金融团工委') });
    await t.call('intake.import', { files: localFiles([zipFor(dir, '柳州银行营业部', 3)]) });
    const dataDir = t.dataDir;
    await t.core.close();
    const smtp = await startSmtp(tempDir(), { user: 'office@lz.cn', password: 'pw', delaySeconds: 0.4 });
    try {
      const args = [
        bin,
        '--data',
        dataDir,
        'remind',
        'send',
        '--host',
        '127.0.0.1',
        '--port',
        String(smtp.port),
        '--tls',
        'off',
        '--user',
        'office@lz.cn',
        '--password-env',
        'DESK_PW',
        '--interval-ms',
        '0',
        '--json',
      ];
      const child = spawn(process.execPath, args, { env: { ...process.env, DESK_PW: 'pw' }, stdio: 'ignore' });
      const started = Date.now();
      while (smtp.messages().length < 3 && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 20));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      // Let a message the server was taking in when the sender died finish arriving.
      await new Promise((r) => setTimeout(r, 800));
      const before = smtp.messages().length;
      expect(before).toBeGreaterThanOrEqual(3);
      expect(before).toBeLessThan(8);

      const rerun = spawnSync(process.execPath, args, { env: { ...process.env, DESK_PW: 'pw' }, encoding: 'utf8' });
      const report = JSON.parse(rerun.stdout).value;
      const counts = new Map<string, number>();
      for (const m of smtp.messages()) counts.set(m.to, (counts.get(m.to) ?? 0) + 1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
      // Each unit got one, except at most the one claimed when the sender died: reported as 可能已发送, not resent.
      const unsure = (report.skipped as Array<{ unitName: string; why: string }>)
        .filter((s) => s.why === 'unsure')
        .map((s) => `u${Number(/第(\d+)/.exec(s.unitName)![1]) - 1}@lz.cn`);
      expect(unsure.length).toBeLessThanOrEqual(1);
      for (let i = 0; i < 8; i++)
        if (!unsure.includes(`u${i}@lz.cn`)) expect(counts.get(`u${i}@lz.cn`), `u${i}`).toBe(1);
    } finally {
      await smtp.stop();
    }
  });
});
