import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { root } from './build';
import { seeded } from './mutate';

const DESK = path.join(root, 'bin/desk.js');

function desk(dataDir: string, ...args: string[]): void {
  const run = spawnSync(process.execPath, [DESK, '--data', dataDir, ...args], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`desk ${args.join(' ')}: ${run.stderr}`);
}

const SECTORS = [
  '金融团工委',
  '教育团工委',
  '市直机关团工委',
  '卫健团工委',
  '国资委团工委',
  '柳北区团委',
  '城中区团委',
  '鱼峰区团委',
  '柳南区团委',
];
const KINDS = ['营业部', '急诊科', '团委', '服务窗口', '车间班组', '收费站', '派出所', '客服中心'];

/**
 * A year (and `earlier` years, finished) as an office would have it by mid-November, for screenshots: `units`
 * collectives in nine
 * sectors, material arriving over six weeks and bunching before the deadline, some late, some
 * refused (a password, a RAR in a folder), four reviewers part-way, some verdicts decided. The
 * roster and reviewers go through the CLI; the year's rows straight into the file.
 */
export function seedYear(dataDir: string, units = 240, seed = 7, earlier: number[] = []): void {
  const rand = seeded(seed);
  const rows = Array.from(
    { length: units },
    (_, i) =>
      `柳州市${SECTORS[i % SECTORS.length]!.replace(/团工委|团委/, '')}第${Math.floor(i / SECTORS.length) + 1}${KINDS[i % KINDS.length]},${SECTORS[i % SECTORS.length]},联系人${i + 1},0772-${String(2800000 + i)},unit${i + 1}@lz-youth.cn`,
  );
  const csv = path.join(dataDir, 'seed-roster.csv');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(csv, `集体名称,所属系统,联系人,电话,电子邮箱\n${rows.join('\n')}\n`);
  // Through the built CLI (as the office would), so the roster has its search text and pinyin.
  desk(dataDir, 'units', 'import', csv);
  for (const name of ['王老师', '李老师', '张老师', '赵老师']) desk(dataDir, 'reviewers', 'add', name);
  fs.rmSync(csv);

  const db = new Database(path.join(dataDir, 'desk.sqlite'));
  const current = db.prepare('SELECT id, year FROM campaigns WHERE is_current = 1').get() as {
    id: number;
    year: number;
  };
  const campaigns = [
    ...earlier.map((year) => ({ id: copyCampaign(db, current.id, current.year, year), year })),
    current,
  ];
  const unitIds = db.prepare('SELECT id FROM units ORDER BY id').pluck().all() as number[];
  // Each unit keeps its habits from year to year (a careless one stays careless): the rules then find someone.
  const habit = new Map(unitIds.map((id) => [id, rand(100)]));
  db.transaction(() => {
    for (const campaign of campaigns) seedCampaign(db, campaign, unitIds, habit, rand);
  })();
  db.close();
}

/** An earlier year's campaign as the office would have copied it: same notice, its year moved. */
function copyCampaign(db: Database.Database, fromId: number, fromYear: number, year: number): number {
  const shift = (column: string) => `replace(${column}, '${fromYear}', '${year}')`;
  const id = Number(
    db
      .prepare(
        `INSERT INTO campaigns (year, title, theme, issuer, issued_on, deadline, materials, contact, rubric, is_current, copied_from_id) SELECT ?, ${shift('title')}, theme, issuer, ${shift('issued_on')}, ${shift('deadline')}, materials, contact, rubric, 0, id FROM campaigns WHERE id = ?`,
      )
      .run(year, fromId).lastInsertRowid,
  );
  const columns = (db.prepare('PRAGMA table_info(checklist_items)').all() as Array<{ name: string }>)
    .map((c) => c.name)
    .filter((c) => c !== 'id' && c !== 'campaign_id');
  db.prepare(
    `INSERT INTO checklist_items (campaign_id, ${columns.join(', ')}) SELECT ?, ${columns.join(', ')} FROM checklist_items WHERE campaign_id = ?`,
  ).run(id, fromId);
  return id;
}

function seedCampaign(
  db: Database.Database,
  campaign: { id: number; year: number },
  unitIds: number[],
  habit: Map<number, number>,
  rand: (n: number) => number,
): void {
  const items = db.prepare('SELECT id FROM checklist_items WHERE campaign_id = ?').pluck().all(campaign.id) as number[];
  const addSubmission = db.prepare(
    "INSERT INTO submissions (campaign_id, unit_id, version, is_current, received_at, received_from, late, completeness, problems, source_label, source_kind, fingerprint, notes) VALUES (?, ?, 1, 1, ?, 'email', ?, 'complete', '[]', ?, 'zip', ?, '[]')",
  );
  const addRefused = db.prepare(
    "INSERT INTO intake_sources (campaign_id, label, kind, status, code, message, unit_id) VALUES (?, ?, 'zip', 'rejected', ?, ?, ?)",
  );
  const addAssignment = db.prepare(
    'INSERT INTO review_assignments (submission_id, reviewer_id, assigned_at) VALUES (?, ?, ?)',
  );
  const addReview = db.prepare(
    'INSERT INTO reviews (submission_id, reviewer_id, answers, total, verdict, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const addDecision = db.prepare(
    "INSERT INTO decisions (submission_id, verdict, score, basis, reason, decided_at) VALUES (?, ?, ?, 'mean', '', ?)",
  );
  const deadline = Date.parse(`${campaign.year}-10-31T23:59:59.999+08:00`);
  const answers = JSON.stringify(Object.fromEntries(items.map((id) => [String(id), { done: true }])));
  const verdictOf = (total: number) => (total >= 90 ? '优秀' : total >= 75 ? '良好' : total >= 60 ? '合格' : '不合格');
  unitIds.forEach((unitId, i) => {
    // A unit's habit shifts its fate a little each year; a few fates are the same every year.
    const fate = Math.min(99, Math.max(0, habit.get(unitId)! + rand(21) - 10));
    if (fate < 8) {
      const password = fate < 5;
      addRefused.run(
        campaign.id,
        `单位${i}.${password ? 'zip' : 'rar'}`,
        password ? 'encrypted' : 'corrupt',
        password
          ? '压缩包设置了密码，无法打开。请联系该单位去掉压缩包密码后重新发送。'
          : '文件已损坏或不完整，请联系该单位重新发送。',
        unitId,
      );
      return;
    }
    if (fate < 18) return;
    // Most arrive in the last ten days; a tail after the deadline.
    const daysBefore = fate < 26 ? -1 - rand(4) : fate < 70 ? rand(10) : 10 + rand(32);
    const at = deadline - daysBefore * 86_400_000 - rand(14 * 3600) * 1000;
    const id = Number(
      addSubmission.run(
        campaign.id,
        unitId,
        new Date(at).toISOString(),
        at > deadline ? 1 : 0,
        `单位${i}.zip`,
        crypto.randomBytes(16).toString('hex'),
      ).lastInsertRowid,
    );
    const reviewer = 1 + (i % 4);
    addAssignment.run(id, reviewer, `${campaign.year}-11-02T01:00:00.000Z`);
    const progress = rand(100);
    // Earlier years were finished: every submission reviewed and decided.
    const past = campaign.year !== latestYear(db);
    if (past || progress < 62 + reviewer * 5) {
      const total = Math.min(100, Math.max(40, 40 + Math.round(habit.get(unitId)! * 0.6) + rand(15)));
      addReview.run(
        id,
        reviewer,
        answers,
        total,
        verdictOf(total),
        'submitted',
        `${campaign.year}-11-10T02:00:00.000Z`,
      );
      if (past || progress < 30) addDecision.run(id, verdictOf(total), total, `${campaign.year}-11-12T02:00:00.000Z`);
    } else if (progress < 85)
      addReview.run(id, reviewer, answers, 0, null, 'draft', `${campaign.year}-11-10T02:00:00.000Z`);
  });
}

function latestYear(db: Database.Database): number {
  return db.prepare('SELECT year FROM campaigns WHERE is_current = 1').pluck().get() as number;
}
