import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir, type TestCore } from './helpers';
import { sectorOf } from '../support/sectors';

const DEAD_PID = 2 ** 22 + 17;

async function officeYear(t: TestCore) {
  for (const [i, name] of ['柳州银行营业部', '市中院立案庭', '城中区税务局办税服务厅'].entries()) {
    await t.call('units.create', { name, sectorId: await sectorOf(t, '金融团工委') });
    const file = path.join(tempDir(), `${name}.zip`);
    fs.writeFileSync(
      file,
      writeZip([
        { name: '工作总结.docx', data: makeDocx(`${name}总结`) },
        { name: '照片1.png', data: makePng(10 + i, 6) },
      ]),
    );
    await t.call('intake.import', { files: localFiles([file]) });
  }
  const reviewer = await t.call('reviewers.create', { name: '王老师' });
  const [campaign] = await t.call('campaigns.list');
  const submissions = await t.call('submissions.list', {});
  const answers = Object.fromEntries(
    campaign!.items.filter((i) => i.kind === 'check').map((i) => [String(i.id), { done: true }]),
  );
  await t.call('reviews.save', { submissionId: submissions[0]!.id, reviewerId: reviewer.id, answers });
  return submissions;
}

type Report = Awaited<ReturnType<TestCore['call']>> & {
  ok: boolean;
  needsRestore: boolean;
  checks: Array<{ id: string; status: string; count: number; remedy: string; examples: string[] }>;
};

function byId(report: Report) {
  return Object.fromEntries(report.checks.map((c) => [c.id, c]));
}

describe('desk doctor / 数据检查', () => {
  it('a sound data folder passes every check', async () => {
    const t = openTestCore();
    await officeYear(t);
    const report = (await t.call('data.check', {})) as Report;
    expect(report.ok).toBe(true);
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(report.checks.map((c) => c.id)).toEqual([
      'database-integrity',
      'foreign-keys',
      'missing-files',
      'damaged-files',
      'orphan-files',
      'current-versions',
      'review-values',
      'review-totals',
      'stale-locks',
      'leftovers',
      'thumbnails',
    ]);
  });

  it('finds each injected fault; repair fixes the safe ones and says what needs a restore', async () => {
    const t = openTestCore();
    const submissions = await officeYear(t);
    const data = t.dataDir;
    const unit = (name: string) => submissions.find((s) => s.unitName === name)!;
    const filesOf = (name: string) =>
      unit(name).files.map((f) => path.join(data, 'files', f.sha256.slice(0, 2), f.sha256));
    // A missing store file, a changed one, an orphan.
    fs.rmSync(filesOf('市中院立案庭')[0]!);
    const changed = filesOf('城中区税务局办税服务厅')[0]!;
    const bytes = fs.readFileSync(changed);
    bytes[10] = bytes[10]! ^ 0xff;
    fs.writeFileSync(changed, bytes);
    const orphanSha = crypto.randomBytes(32).toString('hex');
    fs.mkdirSync(path.join(data, 'files', orphanSha.slice(0, 2)), { recursive: true });
    fs.writeFileSync(path.join(data, 'files', orphanSha.slice(0, 2), orphanSha), 'nobody refers to me');
    // A stale lock, a day-old upload, a thumbnail of nothing.
    fs.writeFileSync(
      path.join(data, 'locks', 'long-write.lock'),
      JSON.stringify({ pid: DEAD_PID, operation: '导入材料', startedAt: '2026-11-30T08:00:00.000Z' }),
    );
    const upload = path.join(data, 'uploads', crypto.randomBytes(16).toString('hex'));
    fs.mkdirSync(path.dirname(upload), { recursive: true });
    fs.writeFileSync(upload, 'abandoned');
    fs.utimesSync(upload, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    const thumb = path.join(data, 'cache', 'thumbs', orphanSha.slice(0, 2), `${'e'.repeat(64)}-320.jpg`);
    fs.mkdirSync(path.dirname(thumb), { recursive: true });
    fs.writeFileSync(thumb, '');
    // A drifted total and a unit with no current version, written behind the app's back.
    const db = new Database(path.join(data, 'desk.sqlite'));
    db.prepare('UPDATE reviews SET total = total + 7').run();
    db.prepare('UPDATE submissions SET is_current = 0 WHERE id = ?').run(unit('柳州银行营业部').id);
    db.close();

    const found = byId((await t.call('data.check', {})) as Report);
    expect(found['missing-files']).toMatchObject({
      status: 'problem',
      count: 1,
      remedy: 'restore',
      examples: [expect.stringContaining('市中院立案庭')],
    });
    expect(found['damaged-files']).toMatchObject({
      status: 'problem',
      count: 1,
      remedy: 'restore',
      examples: [expect.stringContaining('城中区税务局办税服务厅')],
    });
    expect(found['orphan-files']).toMatchObject({ status: 'problem', count: 1, remedy: 'repair' });
    expect(found['stale-locks']).toMatchObject({
      status: 'problem',
      count: 1,
      remedy: 'repair',
      examples: [expect.stringContaining('导入材料')],
    });
    expect(found['leftovers']).toMatchObject({ status: 'problem', count: 1, examples: ['超过一天未用的上传：1 个'] });
    expect(found['thumbnails']).toMatchObject({ status: 'problem', count: 1 });
    expect(found['review-totals']).toMatchObject({ status: 'problem', count: 1, remedy: 'repair' });
    expect(found['current-versions']).toMatchObject({
      status: 'problem',
      count: 1,
      examples: ['2022年度 柳州银行营业部：0 份当前'],
    });
    // Only looking changes nothing.
    expect(
      fs.existsSync(upload) && fs.existsSync(thumb) && fs.existsSync(path.join(data, 'locks', 'long-write.lock')),
    ).toBe(true);

    const repaired = (await t.call('data.check', { repair: true })) as Report;
    expect(repaired).toMatchObject({ ok: false, needsRestore: true, repaired: true });
    const fixed = byId(repaired);
    for (const id of ['orphan-files', 'stale-locks', 'leftovers', 'thumbnails', 'review-totals', 'current-versions'])
      expect(fixed[id], id).toMatchObject({ status: 'fixed' });
    for (const id of ['missing-files', 'damaged-files'])
      expect(fixed[id], id).toMatchObject({ status: 'problem', remedy: 'restore' });
    for (const gone of [
      upload,
      thumb,
      path.join(data, 'locks', 'long-write.lock'),
      path.join(data, 'files', orphanSha.slice(0, 2), orphanSha),
    ])
      expect(fs.existsSync(gone), gone).toBe(false);
    const history = await t.call('reviews.history', { submissionId: submissions[0]!.id, reviewerId: 1 });
    expect(history.at(-1)).toMatchObject({ changedBy: '数据检查修正' });

    const after = byId((await t.call('data.check', {})) as Report);
    expect(
      Object.values(after)
        .filter((c) => c.status !== 'ok')
        .map((c) => c.id)
        .sort(),
    ).toEqual(['damaged-files', 'missing-files']);
    expect((await t.call('submissions.list', {})).length).toBe(3);
  });

  it('a quick check skips hashing; orphans are not judged while another process imports', async () => {
    const t = openTestCore();
    await officeYear(t);
    fs.writeFileSync(
      path.join(t.dataDir, 'locks', 'long-write.lock'),
      JSON.stringify({ pid: process.ppid, operation: '导入材料', startedAt: new Date().toISOString() }),
    );
    const report = byId((await t.call('data.check', { quick: true })) as Report);
    expect(report['damaged-files']).toMatchObject({ status: 'skipped' });
    expect(report['orphan-files']).toMatchObject({ status: 'skipped' });
    expect(report['stale-locks']).toMatchObject({ status: 'ok' });
    const refused = await t.callRaw('data.check', { repair: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'busy' } });
  });

  it('reports values edited behind the app as 数据异常 and never launders them into a total; a total alone is recomputed', async () => {
    const t = openTestCore();
    const submissions = await officeYear(t);
    const reviewer = (await t.call('reviewers.list'))[0]!;
    const [campaign] = await t.call('campaigns.list');
    const answers = Object.fromEntries(
      campaign!.items.filter((i) => i.kind === 'check').map((i) => [String(i.id), { done: true }]),
    );
    await t.call('reviews.save', { submissionId: submissions[1]!.id, reviewerId: reviewer.id, answers });
    // Behind the app: one review's deduction set to −100 (its total would become 185), another's total to 10,000.
    const db = new Database(path.join(t.dataDir, 'desk.sqlite'));
    db.prepare("UPDATE reviews SET deduction = -100, status = 'submitted' WHERE submission_id = ?").run(
      submissions[0]!.id,
    );
    db.prepare("UPDATE reviews SET total = 10000, status = 'submitted' WHERE submission_id = ?").run(
      submissions[1]!.id,
    );
    db.close();
    const before = byId((await t.call('data.check', {})) as Report);
    expect(before['review-values']).toMatchObject({ status: 'problem', count: 1, remedy: 'restore' });
    expect(before['review-values']!.examples).toEqual([
      `${campaign!.year}年度 · ${submissions[0]!.unitName} · 王老师：扣分 -100（应为 0–${campaign!.rubric.deductionCap}）`,
    ]);
    expect(before['review-totals']).toMatchObject({ status: 'problem', count: 1 });
    // Until then, 汇总 never averages the edited values: the row is flagged, its mean left empty.
    const rows = (await t.call('reviews.resultsPage', {})).rows;
    for (const id of [submissions[0]!.id, submissions[1]!.id]) {
      const row = rows.find((r) => r.submissionId === id)!;
      expect(row.mean).toBeNull();
      expect(row.disputeReasons.join('；')).toMatch(
        /王老师的评审数值异常（总分 (10000|\d+)），未计入均分，请运行数据检查/,
      );
    }

    const repaired = (await t.call('data.check', { repair: true })) as Report;
    expect(repaired.needsRestore).toBe(true);
    const after = byId(repaired);
    expect(after['review-values']).toMatchObject({ status: 'problem', count: 1, remedy: 'restore' });
    expect(after['review-totals']).toMatchObject({ status: 'fixed' });
    const edited = await t.call('reviews.get', { submissionId: submissions[0]!.id, reviewerId: reviewer.id });
    const recomputed = await t.call('reviews.get', { submissionId: submissions[1]!.id, reviewerId: reviewer.id });
    // The edited review keeps what it had: no 185, no 优秀, no 数据检查修正 entry that would make it look sanctioned.
    expect(edited.deduction).toBe(-100);
    expect(edited.score.total).not.toBe(185);
    const history = await t.call('reviews.history', { submissionId: submissions[0]!.id, reviewerId: reviewer.id });
    expect(JSON.stringify(history)).not.toContain('数据检查修正');
    // The total alone was derived again from inputs the rubric allows.
    expect(recomputed.score.total).toBeLessThanOrEqual(campaign!.totalPoints + campaign!.rubric.bonusCap);
  });
});
