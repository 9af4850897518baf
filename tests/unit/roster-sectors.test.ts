import { describe, expect, it } from 'vitest';
import { coreSectorName } from '../../src-main/core/roster/sectorNames';
import { asFile, openTestCore } from './helpers';

const sheet = (rows: Array<[string, string]>) =>
  asFile('名册.csv', Buffer.from(`集体名称,所属系统\n${rows.map((r) => r.join(',')).join('\n')}\n`, 'utf8'));

describe('sectors that stay official', () => {
  it('knows a sector by its core name', () => {
    expect(['金融团工委', '金融', '金融系统', '金融 团工委'].map(coreSectorName)).toEqual([
      '金融',
      '金融',
      '金融',
      '金融',
    ]);
    expect(coreSectorName('市直机关团工委')).toBe('市直机关');
    expect(coreSectorName('县区团委')).toBe('县区');
    expect(coreSectorName('教育')).toBe('教育');
  });

  it('an import matches 金融 to 金融团工委 and asks; the answer stands, is remembered, and only truly new sectors are created', async () => {
    const t = openTestCore();
    const sectors = await t.call('sectors.list');
    const finance = sectors.find((s) => s.name === '金融团工委')!;
    const education = sectors.find((s) => s.name === '教育团工委')!;
    const file = sheet([
      ['柳州银行营业部', '金融'],
      ['柳州市商业银行', '金融'],
      ['柳州市第一中学团委', '教育'],
      ['柳州市第二中学团委', '教育系统'],
      ['柳州市某协会', '社会组织'],
    ]);
    const preview = await t.call('units.importPreview', { file });
    expect(preview.plan!.sectors).toEqual([
      { name: '金融', sectorId: finance.id, sectorName: '金融团工委', match: 'core', asked: true, units: 2 },
      { name: '教育', sectorId: education.id, sectorName: '教育团工委', match: 'core', asked: true, units: 1 },
      { name: '教育系统', sectorId: education.id, sectorName: '教育团工委', match: 'core', asked: true, units: 1 },
      { name: '社会组织', sectorId: null, sectorName: '社会组织', match: 'new', asked: false, units: 1 },
    ]);
    expect(preview.plan!.newSectors).toEqual(['社会组织']);

    // The office keeps 教育系统 apart (a new sector), and takes the rest as suggested.
    const applied = await t.call('units.importApply', { file, sectorChoices: { 教育系统: null } });
    expect(applied.sectorsCreated.sort()).toEqual(['教育系统', '社会组织'].sort());
    const units = await t.call('units.list');
    const sectorOf = (name: string) => units.find((u) => u.name === name)!.sectorName;
    expect(sectorOf('柳州银行营业部')).toBe('金融团工委');
    expect(sectorOf('柳州市第一中学团委')).toBe('教育团工委');
    expect(sectorOf('柳州市第二中学团委')).toBe('教育系统');
    expect((await t.call('sectors.list')).find((s) => s.id === finance.id)!.aliases).toEqual(['金融']);

    // Next year's sheet says 金融 again: known by its alias now, not asked; nothing changes.
    const again = await t.call('units.importPreview', { file });
    expect(again.plan!.sectors.find((s) => s.name === '金融')).toMatchObject({
      match: 'alias',
      asked: false,
      sectorName: '金融团工委',
    });
    expect(again.plan!.counts).toMatchObject({ create: 0, update: 0 });
  });

  it('merges a sector into another (units, 回避 and the name as an alias move), refuses a rename onto an existing name with the way out, hides an empty seeded one', async () => {
    const t = openTestCore();
    const education = (await t.call('sectors.list')).find((s) => s.name === '教育团工委')!;
    await t.call('units.importApply', { file: sheet([['柳州市第一中学团委', '学校']]) });
    const school = (await t.call('sectors.list')).find((s) => s.name === '学校')!;
    const reviewer = await t.call('reviewers.create', { name: '李老师', conflictSectorIds: [school.id] });

    const renamed = await t.callRaw('sectors.rename', { id: school.id, name: '教育团工委' });
    expect(renamed).toMatchObject({
      ok: false,
      error: { code: 'duplicate-sector', message: expect.stringContaining('合并到') },
    });
    const merged = await t.call('sectors.merge', { fromId: school.id, intoId: education.id });
    expect(merged.moved).toBe(1);
    expect(merged.sectors.find((s) => s.name === '学校')).toBeUndefined();
    expect(merged.sectors.find((s) => s.id === education.id)).toMatchObject({ aliases: ['学校'], unitCount: 1 });
    expect((await t.call('units.list'))[0]!.sectorName).toBe('教育团工委');
    expect((await t.call('reviewers.list')).find((r) => r.id === reviewer.id)!.conflictSectorIds).toEqual([
      education.id,
    ]);
    // A later sheet that still says 学校 maps to 教育团工委 without asking.
    const later = await t.call('units.importPreview', { file: sheet([['柳州市第二中学团委', '学校']]) });
    expect(later.plan!.sectors).toEqual([
      { name: '学校', sectorId: education.id, sectorName: '教育团工委', match: 'alias', asked: false, units: 1 },
    ]);

    const yanghe = merged.sectors.find((s) => s.name.startsWith('阳和'))!;
    expect(
      (await t.call('sectors.setHidden', { id: yanghe.id, hidden: true })).find((s) => s.id === yanghe.id)!.hidden,
    ).toBe(true);
    expect(await t.callRaw('sectors.setHidden', { id: education.id, hidden: true })).toMatchObject({
      ok: false,
      error: { code: 'sector-in-use' },
    });
    expect(await t.callRaw('sectors.merge', { fromId: education.id, intoId: education.id })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });
});

describe('desk units import and sectors', () => {
  it('says which sheet names went under which sector, and --keep-sector keeps one apart', async () => {
    const { execFileSync } = await import('node:child_process');
    const path = await import('node:path');
    const { ensureBuilt } = await import('../support/build');
    const { tempDir } = await import('./helpers');
    ensureBuilt();
    const bin = path.resolve(__dirname, '../../bin/desk.js');
    const data = tempDir();
    const file = sheet([
      ['柳州银行营业部', '金融'],
      ['柳州市第一中学团委', '教育'],
    ]).path;
    const out = execFileSync(
      process.execPath,
      [bin, '--data', data, 'units', 'import', file, '--keep-sector', '教育'],
      { encoding: 'utf8' },
    );
    expect(out).toContain('表中的系统“金融”归入“金融团工委”（要另建，请加 --keep-sector 金融）');
    expect(out).toContain('新增系统：教育');
    const list = JSON.parse(
      execFileSync(process.execPath, [bin, '--data', data, 'units', 'list', '--json'], { encoding: 'utf8' }),
    ).value as Array<{ name: string; sectorName: string }>;
    expect(Object.fromEntries(list.map((u) => [u.name, u.sectorName]))).toEqual({
      柳州银行营业部: '金融团工委',
      柳州市第一中学团委: '教育',
    });
  }, 120_000);
});
