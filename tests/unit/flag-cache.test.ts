import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { seedYear } from '../support/seedYear';
import { openTestCore, tempDir } from './helpers';

/**
 * The kept 动态管理 list (worked out again only for the units whose records changed) must say
 * exactly what working it out from nothing says, after every kind of change the office makes —
 * through the app and, since the triggers see every writer, straight in the file.
 */
describe('动态管理 list kept in the file', () => {
  it('matches a fresh evaluation after decisions, intake, refusals, status, stars, rules, renames and removals', async () => {
    const dataDir = tempDir();
    seedYear(dataDir, 180, 5, [2020, 2021]);
    const t = openTestCore(dataDir);
    const file = new Database(path.join(dataDir, 'desk.sqlite'));
    const dirty = () => file.prepare('SELECT count(*) FROM flag_dirty').pluck().get() as number;
    const check = async (what: string, changed?: number) => {
      if (changed !== undefined) expect(dirty(), `${what}: units marked`).toBeGreaterThanOrEqual(changed);
      const kept = await t.call('dynamics.flags', {});
      const fresh = await t.call('dynamics.flags', { campaignYear: kept.asOf! });
      expect(kept, what).toEqual(fresh);
      expect(dirty(), `${what}: marks cleared`).toBe(0);
      return kept;
    };
    const first = await check('first time');
    expect(first.flags.length).toBeGreaterThan(5);
    const of = (rule: string) => first.flags.find((f) => f.rule === rule)!;
    const ids = (c: string) => file.prepare(`SELECT id FROM campaigns WHERE year = ${c}`).pluck().get() as number;

    // A decision changed in the file (another program, a restore): 连续不合格 no longer holds.
    const failing = of('failed');
    file
      .prepare(
        "UPDATE decisions SET verdict = '合格' WHERE submission_id = (SELECT id FROM submissions WHERE unit_id = ? AND campaign_id = ? AND is_current = 1)",
      )
      .run(failing.unitId, ids('2022'));
    expect(
      (await check('decision changed', 1)).flags.some((f) => f.unitId === failing.unitId && f.rule === 'failed'),
    ).toBe(false);

    // The office decides the same submission twice before anyone looks (an upsert on a unit already
    // marked: a trigger's OR IGNORE would be overridden by the upsert and fail the office's write).
    const decided = file
      .prepare('SELECT id FROM submissions WHERE campaign_id = ? AND is_current = 1 ORDER BY id LIMIT 1')
      .pluck()
      .get(ids('2022')) as number;
    await t.call('reviews.decide', {
      submissionId: decided,
      basis: 'override',
      verdict: '不合格',
      score: null,
      reason: '复核后改判',
    });
    await t.call('reviews.decide', {
      submissionId: decided,
      basis: 'override',
      verdict: '合格',
      score: null,
      reason: '再次复核',
    });
    await check('decided twice', 1);

    // Material arrives for a unit two years missing.
    const missing = of('missing');
    file
      .prepare(
        "INSERT INTO submissions (campaign_id, unit_id, version, is_current, received_at, received_from, late, completeness, problems, source_label, source_kind, fingerprint, notes) VALUES (?, ?, 1, 1, '2022-10-20T02:00:00.000Z', 'email', 0, 'complete', '[]', '补报.zip', 'zip', 'x1', '[]')",
      )
      .run(ids('2022'), missing.unitId);
    expect(
      (await check('material received', 1)).flags.some((f) => f.unitId === missing.unitId && f.rule === 'missing'),
    ).toBe(false);

    // …and is deleted again by the office: the unit is flagged once more.
    const sub = file.prepare("SELECT id FROM submissions WHERE fingerprint = 'x1'").pluck().get() as number;
    await t.call('submissions.delete', { submissionId: sub, reason: '误收' });
    expect(
      (await check('material deleted', 1)).flags.some((f) => f.unitId === missing.unitId && f.rule === 'missing'),
    ).toBe(true);

    // A refusal recorded for a unit on time last year changes nothing of its 2022 outcome but is seen.
    file
      .prepare(
        "INSERT INTO intake_sources (campaign_id, label, kind, status, code, message, unit_id) VALUES (?, 'x.rar', 'rar', 'rejected', 'corrupt', '损坏', ?)",
      )
      .run(ids('2022'), first.flags[0]!.unitId);
    await check('refusal recorded', 1);

    // 撤销 through the app, then material from the revoked unit: only the intake rule speaks for it.
    const revoked = of('late') ?? of('missing');
    await t.call('units.setStatus', { unitIds: [revoked.unitId], status: 'revoked', reason: '组委会决定' });
    await check('revoked', 1);
    file
      .prepare(
        "INSERT INTO submissions (campaign_id, unit_id, version, is_current, received_at, received_from, late, completeness, problems, source_label, source_kind, fingerprint, notes) VALUES (?, ?, 9, 1, '2099-01-01T00:00:00.000Z', 'email', 1, 'complete', '[]', '撤销后.zip', 'zip', 'x2', '[]')",
      )
      .run(ids('2022'), revoked.unitId);
    expect(
      (await check('revoked unit sends', 1)).flags.filter((f) => f.unitId === revoked.unitId).map((f) => f.rule),
    ).toEqual(['revokedIntake']);

    // 三星 for a unit proposed for a higher star: the proposal goes.
    const star = of('excellent');
    if (star) {
      await t.call('units.setStar', { unitIds: [star.unitId], star: 3, reason: '连续三年优秀' });
      expect(
        (await check('star raised', 1)).flags.some((f) => f.unitId === star.unitId && f.rule === 'excellent'),
      ).toBe(false);
    }

    // A sector renamed: names are read fresh, nothing is worked out again.
    const sectorId = file
      .prepare('SELECT sector_id FROM units WHERE id = ?')
      .pluck()
      .get(first.flags[0]!.unitId) as number;
    await t.call('sectors.rename', { id: sectorId, name: '改名后的团工委' });
    expect((await check('sector renamed')).flags.find((f) => f.unitId === first.flags[0]!.unitId)!.sector).toBe(
      '改名后的团工委',
    );

    // New rules: the whole list is worked out again.
    const rules = await t.call('dynamics.rules');
    await t.call('dynamics.setRules', {
      ...rules,
      late: { enabled: true, years: 3 },
      failed: { ...rules.failed, enabled: false },
    });
    const after = await check('rules changed');
    expect(after.flags.some((f) => f.rule === 'failed')).toBe(false);

    // A unit removed from the roster leaves the list.
    const gone = after.flags[0]!.unitId;
    await t.call('units.remove', { ids: [gone] });
    expect((await check('unit removed', 1)).flags.some((f) => f.unitId === gone)).toBe(false);
    file.close();
  }, 120_000);
});
