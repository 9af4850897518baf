import { describe, expect, it } from 'vitest';
import { chinaInstantOf, isoDayOf, parseTypedDate } from '../../src-main/common/lenientDate';

describe('a date typed in any common form', () => {
  it.each([
    ['2022-12-20'],
    ['2022/12/20'],
    ['2022.12.20'],
    ['20221220'],
    ['2022年12月20日'],
    ['2022 年 12 月 20 日'],
    ['２０２２年１２月２０日'],
    ['2022-12-20日'],
    ['12月20日'],
    ['12月20号'],
  ])('%s is 2022-12-20', (typed) => {
    expect(isoDayOf(parseTypedDate(typed, 2022)!)).toBe('2022-12-20');
  });

  it('reads single digits and a time of day, in China time', () => {
    expect(isoDayOf(parseTypedDate('2022/1/5', 2030)!)).toBe('2022-01-05');
    expect(chinaInstantOf(parseTypedDate('2022-10-31 18:00')!)).toBe('2022-10-31T10:00:00.000Z');
    expect(chinaInstantOf(parseTypedDate('2022年10月31日 18时30分')!)).toBe('2022-10-31T10:30:00.000Z');
    expect(chinaInstantOf(parseTypedDate('2022.10.31 9点')!)).toBe('2022-10-31T01:00:00.000Z');
    expect(parseTypedDate('2022-10-31')!.hour).toBeNull();
  });

  it.each([
    ['2022-02-30'],
    ['20221320'],
    ['2022-12'],
    ['明天'],
    [''],
    ['2022-12/20'],
    ['2022-12-20 25:00'],
    ['13月1日'],
    ['2022122'],
  ])('%s is not understood', (typed) => {
    expect(parseTypedDate(typed, 2022)).toBeNull();
  });
});

describe('dates entered through operations', () => {
  it('a campaign deadline typed as 2022/11/30 or 2022年11月30日 is kept as that day; an impossible one is refused, the old kept', async () => {
    const { openTestCore } = await import('./helpers');
    const t = openTestCore();
    const campaign = await t.call('campaigns.current');
    const {
      id: _id,
      deadlineEndsAt: _d,
      isCurrent: _c,
      copiedFromId: _f,
      totalPoints: _t,
      updatedAt: _u,
      ...fields
    } = campaign!;
    const saved = await t.call('campaigns.update', {
      id: campaign!.id,
      fields: { ...fields, deadline: '2022/11/30', issuedOn: '2022年5月9日' },
    });
    expect(saved).toMatchObject({
      deadline: '2022-11-30',
      issuedOn: '2022-05-09',
      deadlineEndsAt: '2022-11-30T15:59:59.999Z',
    });
    const refused = await t.callRaw('campaigns.update', {
      id: campaign!.id,
      fields: { ...fields, deadline: '2022-02-30' },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('看不懂日期“2022-02-30”') },
    });
    expect((await t.call('campaigns.current'))!.deadline).toBe('2022-11-30');
  });
});
