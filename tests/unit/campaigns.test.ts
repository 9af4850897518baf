import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocx, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

describe('campaigns', () => {
  it('ships the 2022 notice as the current campaign: 12 items in 4 sections, 100 points, deadline end of 31 Oct in China time', async () => {
    const { call } = openTestCore();
    const list = await call('campaigns.list');
    expect(list).toHaveLength(1);
    const c = list[0]!;
    expect(c).toMatchObject({
      year: 2022,
      isCurrent: true,
      deadline: '2022-10-31',
      issuedOn: '2022-05-09',
      theme: '喜迎二十大、永远跟党走、奋进新征程',
    });
    expect(c.items).toHaveLength(12);
    expect(new Set(c.items.map((i) => i.section))).toEqual(
      new Set(['加强理论武装', '开展实践建功活动', '加强服务引领', '做好宣传文化工作']),
    );
    expect(c.totalPoints).toBe(100);
    expect(c.items[0]).toMatchObject({ title: '开展组织化学习', kind: 'count', minCount: 4 });
    expect(c.materials).toMatchObject({ summaryFormats: ['doc', 'docx', 'wps', 'pdf'], photosMin: 3, photosMax: 5 });
    expect(c.contact).toMatchObject({ name: '张洪栋', phone: '0772-2827423', email: '1ztswcsb@163.com' });
    // 23:30 on 31 Oct in Liuzhou is 15:30 UTC: still on time.
    expect(Date.parse('2022-10-31T15:30:00Z') <= Date.parse(c.deadlineEndsAt)).toBe(true);
    expect(Date.parse('2022-10-31T16:00:00Z') <= Date.parse(c.deadlineEndsAt)).toBe(false);
  });

  it('copies 2022 into 2023 and edits its checklist: add, remove, reorder, points, veto and count items', async () => {
    const { call, callRaw } = openTestCore();
    const [c2022] = await call('campaigns.list');
    const c2023 = await call('campaigns.copy', { fromId: c2022!.id });
    expect(c2023).toMatchObject({
      year: 2023,
      deadline: '2023-10-31',
      issuedOn: '2023-05-09',
      isCurrent: false,
      copiedFromId: c2022!.id,
    });
    expect(c2023.title).toContain('2023年度');
    expect(c2023.items.map((i) => i.title)).toEqual(c2022!.items.map((i) => i.title));
    expect(await callRaw('campaigns.copy', { fromId: c2022!.id, year: 2023 })).toMatchObject({
      ok: false,
      error: { code: 'duplicate-year' },
    });

    const [first, second, ...rest] = c2023.items;
    const edited = [
      second!,
      { ...first!, points: 12, minCount: 6 },
      ...rest.slice(0, -1),
      {
        section: '安全底线',
        title: '未发生重大安全责任事故',
        guidance: '',
        points: 0,
        kind: 'veto' as const,
        minCount: null,
      },
    ];
    const {
      id: _id,
      deadlineEndsAt: _d,
      isCurrent: _c,
      copiedFromId: _f,
      totalPoints: _t,
      updatedAt: _u,
      ...fields
    } = c2023;
    const saved = await call('campaigns.update', {
      id: c2023.id,
      fields: { ...fields, theme: '新的主题', deadline: '2023-11-15', items: edited },
    });
    expect(saved.items.map((i) => i.title)).toEqual([
      second!.title,
      first!.title,
      ...rest.slice(0, -1).map((i) => i.title),
      '未发生重大安全责任事故',
    ]);
    expect(saved.items[1]).toMatchObject({ id: first!.id, points: 12, minCount: 6, kind: 'count' });
    expect(saved.items.at(-1)).toMatchObject({ kind: 'veto', section: '安全底线' });
    expect(saved.items).toHaveLength(12);
    expect(saved).toMatchObject({ theme: '新的主题', deadline: '2023-11-15' });
    // The 2022 original is untouched.
    expect((await call('campaigns.get', { id: c2022!.id })).items.map((i) => i.points)).toEqual(
      c2022!.items.map((i) => i.points),
    );

    const bad = await callRaw('campaigns.update', {
      id: c2023.id,
      fields: {
        ...fields,
        items: [{ section: 'x', title: '计数', guidance: '', points: 5, kind: 'count', minCount: null }],
      },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(bad.ok ? '' : bad.error.message).toContain('计数项需要填写最低次数');

    const clash = await callRaw('campaigns.update', { id: c2023.id, fields: { ...fields, year: 2022 } });
    expect(clash).toMatchObject({ ok: false, error: { code: 'duplicate-year' } });
    const early = await callRaw('campaigns.update', {
      id: c2023.id,
      fields: { ...fields, issuedOn: '2023-05-09', deadline: '2023-05-01' },
    });
    expect(early.ok ? '' : early.error.message).toContain('报送截止日期不能早于发文日期');
    expect(
      await callRaw('campaigns.update', { id: c2023.id, fields: { ...fields, deadline: '2023-02-30' } }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    await call('campaigns.setCurrent', { id: c2023.id });
    expect((await call('campaigns.current'))!.year).toBe(2023);
    expect((await call('campaigns.list')).filter((c) => c.isCurrent)).toHaveLength(1);
    expect(await callRaw('campaigns.remove', { id: c2023.id })).toMatchObject({
      ok: false,
      error: { code: 'campaign-current' },
    });
  });

  it('keeps a year that has received material: deleting it is refused with a message, not an internal error', async () => {
    const t = openTestCore();
    const zip = path.join(tempDir(), '柳州银行营业部.zip');
    fs.writeFileSync(zip, writeZip([{ name: '工作总结.docx', data: makeDocx('营业部') }]));
    await t.call('intake.import', { files: localFiles([zip]) });
    const [c2022] = (await t.call('campaigns.list')) as Array<{ id: number }>;
    const c2023 = (await t.call('campaigns.copy', { fromId: c2022!.id })) as { id: number };
    await t.call('campaigns.setCurrent', { id: c2023.id });
    const refused = await t.callRaw('campaigns.remove', { id: c2022!.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'campaign-has-submissions' } });
    expect(refused.ok ? '' : refused.error.message).toContain('已收到 1 份材料');
    // A year with nothing received can go.
    await t.call('campaigns.setCurrent', { id: c2022!.id });
    expect(await t.call('campaigns.remove', { id: c2023.id })).toMatchObject({ removed: c2023.id, year: 2023 });
    expect((await t.call('submissions.list', {})).length).toBe(1);
  });
});
