import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { pythonMail } from '../support/pythonMail';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';

const UNITS = {
  missing: '柳州市第一中学团委',
  refused: '柳州银行营业部',
  incomplete: '柳州市人民医院急诊科',
  linkValid: '柳州市公交集团1路车队',
  linkExpired: '柳州市第二中学团委',
  complete: '柳州市图书馆',
};

function zipFor(dir: string, unit: string, photos: number): string {
  const file = path.join(dir, `${unit}.zip`);
  fs.writeFileSync(
    file,
    writeZip([
      { name: '工作总结.docx', data: makeDocx(`${unit}总结`) },
      ...Array.from({ length: photos }, (_, i) => ({
        name: `照片${i + 1}.png`,
        data: makePng(30 + i, 10 + unit.length),
      })),
    ]),
  );
  return file;
}

function linkMail(dir: string, unit: string, email: string, expires: string): string {
  const file = path.join(dir, `${unit}-link.eml`);
  const body = `活动视频.mp4 (300.5M, ${expires} 到期)\n下载: https://mail.163.com/large-attachment-download/index.html?p=${encodeURIComponent(unit)}&file=1`;
  fs.writeFileSync(
    file,
    pythonMail({
      from: `${unit} <${email}>`,
      subject: `${unit}补充活动视频`,
      date: 'Mon, 24 Oct 2022 10:00:00 +0800',
      messageId: `<${email}-link@test>`,
      body,
    }),
  );
  return file;
}

/** The drafts ZIP unpacked (by 7-Zip) and each .eml read back by mailparser: what a mail client shows. */
async function drafts(
  t: TestCore,
  per: 'unit' | 'sector',
): Promise<Array<{ to: string; bcc: string; subject: string; text: string }>> {
  const dir = tempDir();
  const zip = path.join(dir, 'drafts.zip');
  await t.saveTo('remind.drafts', { per }, zip);
  execFileSync('7zz', ['x', '-y', `-o${dir}/out`, zip], { stdio: 'ignore' });
  const out: Array<{ to: string; bcc: string; subject: string; text: string }> = [];
  for (const name of fs.readdirSync(path.join(dir, 'out')).sort()) {
    const mail = await simpleParser(fs.readFileSync(path.join(dir, 'out', name)));
    const addresses = (a: typeof mail.to) => (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(',');
    out.push({ to: addresses(mail.to), bcc: addresses(mail.bcc), subject: mail.subject ?? '', text: mail.text ?? '' });
  }
  return out;
}

/** Words that belong to the clerk, never to a unit. */
const CLERK = /请联系该单位|导入|下载后再|该单位|设置 →|收件限制|调高上限/;

describe('reminders written for the unit (#25 item 3)', () => {
  it('each situation has its own words; clerk notes, complete units and other units’ situations never reach a unit', async () => {
    const t = openTestCore();
    const dir = tempDir();
    const emails: Record<string, string> = {};
    for (const [i, name] of Object.values(UNITS).entries()) {
      emails[name] = `unit${i}@example.cn`;
      await t.call('units.create', { name, email: emails[name], sectorId: (await t.call('sectors.list'))[0]!.id });
    }
    // A ZIP with a password (7-Zip wrote it): refused, with a message meant for the clerk.
    const work = path.join(dir, 'enc');
    fs.mkdirSync(work);
    fs.writeFileSync(path.join(work, '工作总结.docx'), makeDocx('加密'));
    const encrypted = path.join(dir, `${UNITS.refused}.zip`);
    execFileSync('7zz', ['a', '-tzip', '-p123456', encrypted, '.'], { cwd: work, stdio: 'ignore' });
    await t.call('intake.import', {
      files: localFiles([
        encrypted,
        zipFor(dir, UNITS.incomplete, 2),
        zipFor(dir, UNITS.linkValid, 3),
        linkMail(dir, UNITS.linkValid, emails[UNITS.linkValid]!, '2099年11月22日 10:00'),
        zipFor(dir, UNITS.linkExpired, 3),
        linkMail(dir, UNITS.linkExpired, emails[UNITS.linkExpired]!, '2022年11月22日 10:00'),
        zipFor(dir, UNITS.complete, 3),
      ]),
    });
    const history = await t.call('intake.history', {});
    expect(history.find((h) => h.label === `${UNITS.refused}.zip`)).toMatchObject({ status: 'rejected' });

    // Whom: not the complete unit, not the one whose only gap is a link the office can still download.
    const { targets } = await t.call('remind.targets', {});
    expect(Object.fromEntries(targets.map((x) => [x.unitName, x.situation]))).toEqual({
      [UNITS.missing]: 'missing',
      [UNITS.refused]: 'refused',
      [UNITS.incomplete]: 'incomplete',
      [UNITS.linkExpired]: 'link',
    });

    const letters = await drafts(t, 'unit');
    expect(letters.map((l) => l.to).sort()).toEqual(
      [UNITS.missing, UNITS.refused, UNITS.incomplete, UNITS.linkExpired].map((u) => emails[u]).sort(),
    );
    const to = (unit: string) => letters.find((l) => l.to === emails[unit])!.text;
    expect(to(UNITS.missing)).toContain('尚未收到贵单位的报送材料');
    expect(to(UNITS.refused)).toContain('压缩包或文件设置了密码，无法打开');
    expect(to(UNITS.refused)).toContain('请去掉密码后重新打包发送');
    expect(to(UNITS.incomplete)).toContain('照片 2 张，少于要求的 3 张');
    expect(to(UNITS.linkExpired)).toContain('活动视频.mp4');
    for (const l of letters) {
      expect(l.text).not.toMatch(CLERK);
      expect(l.text).not.toMatch(/\{[^{}]+\}/);
      // Written for this unit: no other unit's name in it.
      for (const other of Object.values(UNITS)) if (emails[other] !== l.to) expect(l.text).not.toContain(other);
    }

    // A sector letter (Bcc) names no unit and no unit's situation.
    const sector = await drafts(t, 'sector');
    expect(sector).toHaveLength(1);
    expect(sector[0]!.bcc.split(',')).toHaveLength(4);
    for (const unit of Object.values(UNITS)) expect(sector[0]!.text).not.toContain(unit);
    expect(sector[0]!.text).not.toMatch(/设置了密码|照片 2 张|活动视频/);

    // The office's own words for 未报送, with placeholders; the preview shows the letter and everyone it goes to.
    await t.call('remind.setTemplates', {
      templates: { missing: '{单位}同志：\n请于{截止日期}前报送{通知}要求的材料。\n{落款}' },
    });
    const preview = await t.call('remind.preview', {
      unitId: targets.find((x) => x.unitName === UNITS.missing)!.unitId,
    });
    expect(preview.letter!.text).toBe(
      `${UNITS.missing}同志：\n请于2022年10月31日前报送《${(await t.call('campaigns.current'))!.title}》要求的材料。\n${(await t.call('campaigns.current'))!.issuer}`,
    );
    expect(preview.recipients.map((r) => r.situation).sort()).toEqual(
      ['未报送', '材料不齐全', '材料被拒收', '超大附件未能下载'].sort(),
    );
  });
});
