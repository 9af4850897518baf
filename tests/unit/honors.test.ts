import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { fakePhoto, makeDocx, makePng, pngClaiming, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, type TestCore, localFiles, OFFICE } from './helpers';
import { needs } from '../support/tools';
import { sectorOf } from '../support/sectors';

const shots = path.resolve(__dirname, '../../test-results/screenshots');

async function reviewed(t: TestCore, entries: Array<[string, number, number, boolean?]>) {
  const dir = tempDir();
  for (const [name, sectorId] of entries) {
    await t.call('units.create', { name, sectorId });
    // UTF-8 names: 𠮷 has no GBK code, so a GBK archive could not even carry it.
    fs.writeFileSync(
      path.join(dir, `${entries.findIndex((e) => e[0] === name)}.zip`),
      writeZip([
        { name: `${name}/总结.docx`, data: makeDocx(name), encoding: 'utf8' },
        ...[1, 2, 3].map((i) => ({
          name: `${name}/照片${i}.png`,
          data: makePng(i + name.length * 3, 5),
          encoding: 'utf8' as const,
        })),
      ]),
    );
  }
  await t.call('intake.import', { files: localFiles([dir]) });
  const reviewer = await t.call('reviewers.create', { name: '评审人' });
  const campaign = (await t.call('campaigns.current'))!;
  const subs = await t.call('submissions.list', {});
  for (const [name, , done, veto] of entries) {
    const s = subs.find((x) => x.unitName === name)!;
    let left = done;
    const answers = Object.fromEntries(
      campaign.items.map((i) => [
        String(i.id),
        i.kind === 'count' ? { count: 4 } : i.kind === 'veto' ? { vetoed: !!veto } : { done: left-- > 0 },
      ]),
    );
    await t.call('reviews.save', { submissionId: s.id, reviewerId: reviewer.id, answers, status: 'submitted' });
  }
}

/** Four units in three sectors, all 优秀, one with characters outside the common fonts. */
const FOUR_COMMENDED: Array<[string, number, number]> = [
  ['柳州市砦䶮𠮷青年文明号集体', 2, 11],
  ['柳州市人民医院急诊科', 2, 11],
  ['柳州银行营业部', 6, 11],
  ['柳州市第一中学团委', 8, 11],
];

describe('表彰', () => {
  it('chooses units by verdict, score line or quota per sector; a blocked unit needs an override with a reason', async () => {
    const t = openTestCore();
    const [campaign] = await t.call('campaigns.list');
    const {
      id: _i,
      deadlineEndsAt: _d,
      isCurrent: _c,
      copiedFromId: _f,
      totalPoints: _p,
      updatedAt: _u,
      ...fields
    } = campaign!;
    await t.call('campaigns.update', {
      id: campaign!.id,
      fields: {
        ...fields,
        items: [
          ...fields.items,
          { section: '底线', title: '无安全事故', guidance: '', points: 0, kind: 'veto', minCount: null },
        ],
      },
    });
    await reviewed(t, [
      ['甲银行营业部', 6, 11],
      ['乙银行营业部', 6, 9],
      ['丙银行营业部', 6, 11, true],
      ['丁中学团委', 8, 11],
      ['戊中学团委', 8, 3],
    ]);
    const byVerdict = await t.call('honors.preview', { rule: { type: 'verdict', verdicts: ['优秀'] } });
    expect(byVerdict.filter((c) => c.included).map((c) => c.unitName)).toEqual(['甲银行营业部', '丁中学团委']);
    expect(byVerdict.find((c) => c.unitName === '丙银行营业部')).toMatchObject({
      included: false,
      blocked: '有评审人触发一票否决',
    });
    const byScore = await t.call('honors.preview', { rule: { type: 'score', min: 80 } });
    expect(byScore.filter((c) => c.included).map((c) => c.unitName)).toEqual([
      '甲银行营业部',
      '乙银行营业部',
      '丁中学团委',
    ]);
    const byQuota = await t.call('honors.preview', { rule: { type: 'quota', perSector: 1 } });
    expect(byQuota.filter((c) => c.included).map((c) => c.unitName)).toEqual(['甲银行营业部', '丁中学团委']);

    const blocked = byVerdict.find((c) => c.unitName === '丙银行营业部')!;
    expect(
      await t.callRaw('honors.decide', {
        rule: { type: 'verdict', verdicts: ['优秀'] },
        hand: [{ unitId: blocked.unitId, include: true }],
      }),
    ).toMatchObject({ ok: false, error: { code: 'override-needs-reason' } });
    const decided = await t.call('honors.decide', {
      rule: { type: 'verdict', verdicts: ['优秀'] },
      hand: [{ unitId: blocked.unitId, include: true, reason: '否决事项经核实不成立' }],
    });
    expect(decided.commended).toBe(3);
    const current = await t.call('honors.current', {});
    expect(current.groups).toEqual([
      { sector: '金融团工委', names: ['甲银行营业部', '丙银行营业部'] },
      { sector: '教育团工委', names: ['丁中学团委'] },
    ]);
    expect(current.decision!.hand).toEqual([{ unitId: blocked.unitId, include: true, reason: '否决事项经核实不成立' }]);
  });

  it.skipIf(!needs('poppler'))(
    'writes the list as a formal PDF: every name once, in order under its sector, all fonts embedded, rare characters drawn',
    async () => {
      const t = openTestCore();
      const names = FOUR_COMMENDED;
      await reviewed(t, names);
      await t.call('honors.decide', { rule: { type: 'verdict', verdicts: ['优秀'] } });
      const out = path.join(tempDir(), '表彰名单.pdf');
      const result = await t.saveTo(
        'export.honors',
        {
          title: '关于表彰2022年度柳州市青年文明号集体的决定',
          issuer: '柳州市创建青年文明号活动组委会',
          date: '2022-12-20',
          confirmUnsettled: true,
        },
        out,
      );
      expect(result).toMatchObject({ commended: 4, sectors: 3 });
      expect(result.bytes).toBeLessThan(1024 * 1024);
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      const compact = text.replace(/[ \t]+/g, ' ');
      for (const [name] of names) expect(compact.split(name).length - 1, name).toBe(1);
      const order = [
        '一、县区团委（2个）',
        '柳州市砦䶮𠮷青年文明号集体',
        '柳州市人民医院急诊科',
        '二、金融团工委（1个）',
        '柳州银行营业部',
        '三、教育团工委（1个）',
        '柳州市第一中学团委',
        '柳州市创建青年文明号活动组委会',
        '2022年12月20日',
      ];
      const positions = order.map((s) => compact.indexOf(s));
      expect(positions.every((p) => p >= 0)).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(compact).toContain('（排名不分先后）');
      expect(compact).toMatch(/—\s*1\s*—/);
      const fontsTable = execFileSync('pdffonts', [out], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(fontsTable.length).toBeGreaterThanOrEqual(3);
      for (const line of fontsTable) expect(line.split(/\s+/).slice(-5, -2)).toEqual(['yes', 'yes', 'yes']);
      expect(fontsTable.some((l) => l.includes('NotoSerifJP'))).toBe(true);
      fs.mkdirSync(shots, { recursive: true });
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '80',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        out,
        path.join(shots, '19-honors-page1'),
      ]);
      expect(fs.existsSync(path.join(shots, '19-honors-page1.png'))).toBe(true);
    },
    60_000,
  );

  it('says which name and which character no bundled font can draw, instead of leaving a gap', async () => {
    const t = openTestCore();
    await reviewed(t, [['柳州\uE000营业部', 6, 11]]);
    await t.call('honors.decide', { rule: { type: 'verdict', verdicts: ['优秀'] } });
    // Undecided (reviewed, not 定级): named first; once the office confirms, the font check speaks.
    expect(await t.callRaw('export.honors', {})).toMatchObject({ ok: false, error: { code: 'honors-unsettled' } });
    const refused = await t.callRaw('export.honors', { confirmUnsettled: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'missing-glyph' } });
    expect(refused.ok ? '' : refused.error.message).toContain('U+E000');
  });
});

describe('other PDF outputs', () => {
  it.skipIf(!needs('poppler'))(
    'the 未报送 reminder list and one 评审表 per reviewed unit',
    async () => {
      const t = openTestCore();
      await reviewed(t, [
        ['柳州银行营业部', 6, 11],
        ['柳州市第一中学团委', 8, 4],
      ]);
      await t.call('units.create', {
        name: '柳州市图书馆少儿部',
        sectorId: await sectorOf(t, '市直机关团工委'),
        contact: '周丽',
        phone: '0772-2811111',
        email: 'lib@lz.cn',
      });
      const dir = tempDir();
      const missing = await t.saveTo('export.missing', {}, path.join(dir, 'missing.pdf'));
      expect(missing.missing).toBe(1);
      const missingText = execFileSync('pdftotext', [path.join(dir, 'missing.pdf'), '-'], { encoding: 'utf8' });
      for (const s of [
        '未报送材料提醒名单',
        '市直机关团工委（1个）',
        '柳州市图书馆少儿部',
        '周丽',
        '0772-2811111',
        'lib@lz.cn',
      ])
        expect(missingText).toContain(s);
      expect(missingText).not.toContain('柳州银行营业部');

      const sheetsDir = path.join(dir, 'sheets');
      fs.mkdirSync(sheetsDir);
      const sheets = await t.unpackTo('export.reviewSheets', {}, sheetsDir);
      expect(sheets.sheets).toBe(2);
      expect(fs.readdirSync(sheetsDir).sort()).toEqual(sheets.files.sort());
      const bankSheet = sheets.files.find((f) => f.includes('柳州银行营业部'))!;
      const sheetText = execFileSync('pdftotext', [path.join(sheetsDir, bankSheet), '-'], { encoding: 'utf8' });
      for (const s of ['青年文明号集体评审表', '柳州银行营业部', '评审人', '已开展', '100'])
        expect(sheetText).toContain(s);
      // Filed signed: a signature and a date line per reviewer.
      const signed = sheetText.replace(/\s+/g, '');
      expect(signed).toMatch(/评审人（[^）]+）签字：/);
      expect(signed).toContain('________________');
      expect(signed).toContain('日期：______年____月____日');
      await expect(t.unpackTo('export.reviewSheets', {}, path.join(dir, 'nowhere'))).rejects.toMatchObject({
        code: 'bad-path',
      });
    },
    60_000,
  );
});

describe('典型做法汇编', () => {
  it.skipIf(!needs('poppler'))(
    'has each marked unit, its note with the paragraph indent kept, and its photos embedded',
    async () => {
      const t = openTestCore();
      await reviewed(t, [
        ['柳州银行营业部', 6, 11],
        ['柳州市第一中学团委', 8, 11],
      ]);
      const [bank] = (await t.call('submissions.list', {})).filter((s) => s.unitName === '柳州银行营业部');
      await t.call('submissions.markPractice', {
        submissionId: bank!.id,
        practice: true,
        note: '开放日与社区联动，帮扶困难青少年',
        by: '王老师',
      });
      const out = path.join(tempDir(), 'practices.pdf');
      expect(await t.saveTo('export.practices', {}, out)).toMatchObject({ practices: 1 });
      const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      expect(text).toContain('典型做法汇编');
      expect(text).toContain('柳州银行营业部');
      expect(text).not.toContain('柳州市第一中学团委');
      expect(text).toMatch(/\u3000\u3000开放日与社区联动|\s{2,}开放日与社区联动/);
      const images = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(images).toHaveLength(3);
    },
    60_000,
  );
});

describe('典型做法汇编 photos', () => {
  it.skipIf(!needs('poppler'))(
    'embeds a 1000-pixel print copy of a camera photo and leaves out what cannot be read, a pixel bomb among them',
    async () => {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(t, '金融团工委') });
      const camera = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#3a7' } })
        .jpeg({ quality: 92 })
        .toBuffer();
      const zip = path.join(tempDir(), '柳州银行营业部.zip');
      fs.writeFileSync(
        zip,
        writeZip([
          { name: '总结.docx', data: makeDocx('柳州银行营业部') },
          { name: '相机.jpg', data: camera },
          { name: '炸弹.png', data: pngClaiming(60_000, 60_000) },
          { name: '坏图.jpg', data: fakePhoto(40_000, 3) },
        ]),
      );
      const imported = await t.call('intake.import', { files: localFiles([zip]) });
      await t.call('submissions.markPractice', {
        submissionId: imported.sources[0]!.submission_id!,
        practice: true,
        note: '网点开放日',
        by: '王老师',
      });
      const out = path.join(tempDir(), 'practices.pdf');
      expect(await t.saveTo('export.practices', {}, out)).toMatchObject({ practices: 1 });
      // pdfimages -list: page, num, type, width, height, …
      const images = execFileSync('pdfimages', ['-list', out], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .slice(2)
        .map((line) => line.trim().split(/\s+/));
      expect(images).toHaveLength(1);
      expect(images[0]!.slice(3, 5)).toEqual(['1000', '750']);
      expect(fs.statSync(out).size).toBeLessThan(camera.length);
    },
    60_000,
  );
});

describe('long exports', () => {
  it('report progress per unit and stop when cancelled, keeping what was finished', async () => {
    const t = openTestCore();
    await reviewed(t, [
      ['甲单位', 6, 11],
      ['乙单位', 6, 10],
      ['丙单位', 8, 9],
      ['丁单位', 8, 8],
    ]);
    const seen: number[] = [];
    const stop = t.core.subscribe((event) => {
      if (event.type !== 'progress' || event.operation !== 'export.reviewSheets') return;
      seen.push(event.done);
      if (event.done === 2) void t.core.invoke('jobs.cancel', {}, OFFICE);
    });
    const dir = tempDir();
    const result = await t.unpackTo('export.reviewSheets', {}, dir);
    stop();
    expect(result).toMatchObject({ cancelled: true, sheets: 2 });
    expect(seen.slice(0, 3)).toEqual([0, 1, 2]);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.pdf'))).toHaveLength(2);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});

describe('表彰名单 without groups', () => {
  it.skipIf(!needs('poppler'))(
    'numbers every name straight through when the office turns grouping off',
    async () => {
      const t = openTestCore();
      await reviewed(t, [
        ['柳州银行营业部', 6, 11],
        ['柳州市第一中学团委', 8, 11],
      ]);
      await t.call('honors.decide', { rule: { type: 'verdict', verdicts: ['优秀'] } });
      const out = path.join(tempDir(), 'flat.pdf');
      await t.saveTo('export.honors', { grouped: false, unranked: false, confirmUnsettled: true }, out);
      const text = execFileSync('pdftotext', [out, '-'], { encoding: 'utf8' });
      expect(text).not.toContain('金融团工委');
      expect(text).not.toContain('排名不分先后');
      expect(text).toMatch(/1\. 柳州银行营业部[\s\S]*2\. 柳州市第一中学团委/);
    },
    60_000,
  );
});

describe('the formal documents as .docx', () => {
  it.skipIf(!needs('soffice', 'poppler'))(
    'the commendation list, the 未报送 list and the 典型做法汇编 open in LibreOffice and read back with every name in order',
    async () => {
      const t = openTestCore();
      const names = FOUR_COMMENDED;
      await reviewed(t, names);
      await t.call('units.create', {
        name: '柳州市图书馆少儿部',
        sectorId: await sectorOf(t, '市直机关团工委'),
        contact: '周丽',
        phone: '0772-2811111',
        email: 'lib@lz.cn',
      });
      await t.call('honors.decide', { rule: { type: 'verdict', verdicts: ['优秀'] } });
      const [bank] = (await t.call('submissions.list', {})).filter((s) => s.unitName === '柳州银行营业部');
      await t.call('submissions.markPractice', {
        submissionId: bank!.id,
        practice: true,
        note: '开放日与社区联动，帮扶困难青少年',
        by: '王老师',
      });
      const dir = tempDir();
      const read = (docx: string) => {
        execFileSync(
          'soffice',
          [
            '--headless',
            `-env:UserInstallation=file://${dir}/lo-profile`,
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            docx,
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
        const pdf = docx.replace(/\.docx$/, '.pdf');
        // LibreOffice spaces Latin from CJK and wraps long titles: compared without any whitespace.
        return execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
      };
      const honors = path.join(dir, '表彰名单.docx');
      expect(
        await t.saveTo(
          'export.honors',
          {
            title: '关于表彰2022年度柳州市青年文明号集体的决定',
            issuer: '柳州市创建青年文明号活动组委会',
            date: '2022年12月20日',
            format: 'docx',
            confirmUnsettled: true,
          },
          honors,
        ),
      ).toMatchObject({ commended: 4 });
      expect(fs.readFileSync(honors).subarray(0, 2).toString()).toBe('PK');
      const text = read(honors);
      const order = [
        '关于表彰2022年度柳州市青年文明号集体的决定',
        '一、县区团委（2个）',
        '1.柳州市砦䶮𠮷青年文明号集体',
        '2.柳州市人民医院急诊科',
        '二、金融团工委（1个）',
        '1.柳州银行营业部',
        '三、教育团工委（1个）',
        '1.柳州市第一中学团委',
        '柳州市创建青年文明号活动组委会',
        '2022年12月20日',
      ];
      const positions = order.map((s) => text.indexOf(s));
      expect(
        positions.every((p) => p >= 0),
        JSON.stringify(positions),
      ).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(text).toContain('—1—');
      // A4 (595 × 842 pt).
      const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(
        execFileSync('pdfinfo', [honors.replace(/\.docx$/, '.pdf')], { encoding: 'utf8' }),
      )!;
      expect([Math.round(Number(size[1])), Math.round(Number(size[2]))]).toEqual([595, 842]);

      const keep = path.resolve(__dirname, '../../test-results/print');
      fs.mkdirSync(keep, { recursive: true });
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        honors.replace(/\.docx$/, '.pdf'),
        path.join(keep, 'honors-docx-page1'),
      ]);
      const missing = path.join(dir, '未报送.docx');
      expect(await t.saveTo('export.missing', { format: 'docx' }, missing)).toMatchObject({ missing: 1 });
      const missingText = read(missing);
      for (const s of [
        '未报送材料提醒名单',
        '市直机关团工委（1个）',
        '柳州市图书馆少儿部',
        '周丽',
        '0772-2811111',
        'lib@lz.cn',
      ])
        expect(missingText).toContain(s);

      const practices = path.join(dir, '典型做法.docx');
      expect(await t.saveTo('export.practices', { format: 'docx' }, practices)).toMatchObject({ practices: 1 });
      const practicesText = read(practices);
      for (const s of [
        '典型做法汇编',
        '一、柳州银行营业部（金融团工委）',
        '开放日与社区联动，帮扶困难青少年',
        '推荐人：王老师',
      ])
        expect(practicesText).toContain(s);
      // Its photos are in the document.
      expect(
        execFileSync('pdfimages', ['-list', practices.replace(/\.docx$/, '.pdf')], { encoding: 'utf8' })
          .trim()
          .split('\n').length,
      ).toBeGreaterThan(2);
    },
    240_000,
  );
});
