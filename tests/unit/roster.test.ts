import { describe, expect, it } from 'vitest';
import { openTestCore } from './helpers';

describe('roster rules', () => {
  it('creates, validates and finds units by name, alias, contact and pinyin initials', async () => {
    const { call, callRaw } = openTestCore();
    const sectors = await call('sectors.list');
    expect(sectors.map((s) => s.name)).toContain('阳和工业新区（北部生态新区）团工委');
    const unit = await call('units.create', {
      name: '  柳州市人民医院  急诊科 ',
      sectorId: sectors[1]!.id,
      level: '市级',
      yearNamed: 2019,
      contact: '李明',
      phone: '0772 2827423',
      email: ' Ji.Zhen@LZRMYY.cn ',
      aliases: ['市人民医院急诊科', '市人民医院急诊科'],
    });
    expect(unit.name).toBe('柳州市人民医院 急诊科');
    expect(unit.phone).toBe('0772-2827423');
    expect(unit.email).toBe('ji.zhen@lzrmyy.cn');
    expect(unit.aliases).toEqual(['市人民医院急诊科']);
    expect(unit.sectorName).toBe('县区团委');

    for (const query of ['急诊', '市人民医院急诊科', '李明', 'lzsrmyy', 'LM']) {
      const found = await call('units.list', { search: query });
      expect(
        found.map((u) => u.id),
        query,
      ).toEqual([unit.id]);
    }
    expect(await call('units.list', { search: '不存在的单位' })).toEqual([]);

    const dup = await callRaw('units.create', { name: '柳州市人民医院 急诊科' });
    expect(dup).toMatchObject({ ok: false, error: { code: 'duplicate-name' } });
    const badPhone = await callRaw('units.create', { name: '某单位', phone: '12345' });
    expect(badPhone).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(badPhone.ok ? '' : badPhone.error.message).toContain('联系电话格式不正确');
    const badEmail = await callRaw('units.create', { name: '某单位', email: 'not-an-email' });
    expect(badEmail.ok ? '' : badEmail.error.message).toContain('电子邮箱格式不正确');
    const noName = await callRaw('units.create', { name: '   ' });
    expect(noName.ok ? '' : noName.error.message).toContain('请填写集体名称');
  });

  it('filters by sector, level and status; deletes and undoes', async () => {
    const { call, callRaw } = openTestCore();
    const [a, b] = await call('sectors.list');
    const u1 = await call('units.create', { name: '甲单位', sectorId: a!.id, level: '市级' });
    const u2 = await call('units.create', { name: '乙单位', sectorId: b!.id, level: '省级', status: 'suspended' });
    expect((await call('units.list', { sectorIds: [a!.id] })).map((u) => u.name)).toEqual(['甲单位']);
    expect((await call('units.list', { levels: ['省级'] })).map((u) => u.name)).toEqual(['乙单位']);
    expect((await call('units.list', { statuses: ['active'] })).map((u) => u.name)).toEqual(['甲单位']);

    await call('units.remove', { ids: [u1.id, u2.id] });
    expect(await call('units.list')).toEqual([]);
    // The name is free while deleted, so undo must refuse rather than create two 甲单位.
    const again = await call('units.create', { name: '甲单位' });
    const undo = await callRaw('units.restore', { ids: [u1.id, u2.id] });
    expect(undo).toMatchObject({ ok: false, error: { code: 'duplicate-name' } });
    expect((await call('units.list')).map((u) => u.name)).toEqual(['甲单位']);
    await call('units.remove', { ids: [again.id] });
    const restored = await call('units.restore', { ids: [u1.id, u2.id] });
    expect(restored.restored.sort()).toEqual([u1.id, u2.id].sort());
    const back = await call('units.list');
    expect(back.map((u) => u.name).sort()).toEqual(['乙单位', '甲单位']);
    expect(back.find((u) => u.name === '乙单位')).toMatchObject({
      level: '省级',
      status: 'suspended',
      sectorName: b!.name,
    });
  });

  it('keeps sectors editable but refuses to drop one that still has units', async () => {
    const { call, callRaw } = openTestCore();
    const created = await call('sectors.create', { name: '卫健团工委' });
    await call('units.create', { name: '某医院', sectorId: created.id });
    expect(await callRaw('sectors.remove', { id: created.id })).toMatchObject({
      ok: false,
      error: { code: 'sector-in-use' },
    });
    expect(await callRaw('sectors.create', { name: '卫健团工委' })).toMatchObject({
      ok: false,
      error: { code: 'duplicate-sector' },
    });
    const renamed = await call('sectors.rename', { id: created.id, name: '卫生健康团工委' });
    expect(renamed.find((s) => s.id === created.id)).toMatchObject({ name: '卫生健康团工委', unitCount: 1 });
    const order = renamed.map((s) => s.id).reverse();
    expect((await call('sectors.reorder', { ids: order })).map((s) => s.id)).toEqual(order);
  });
});
