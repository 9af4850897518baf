import fs from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CoreContext } from '../app/context';
import { copyCampaign, currentCampaign, listCampaigns } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import type { Executor } from '../db/open';
import { campaigns, decisions, honors, intakeSources, submissions } from '../db/schema';
import { readSheet } from '../roster/import/readSheet';
import { headerKey } from '../roster/import/mapping';
import { listUnits } from '../roster/units';
import { fileRefSchema, refFile } from '../transfer/refs';
import type { YearOutcome } from '../../common/standing';

/**
 * 导入往年情况: a sheet of past years' outcomes per unit (年度, 集体名称, 报送情况, 得分, 等次, 是否表彰)
 * becomes history campaigns, so 动态管理's rules are right in the app's first year instead of
 * reading every unit as 未报送 in years the app never saw. Rows for a unit that already has that
 * year's material in the app are left as they are.
 */
export const importHistorySchema = z.object({ file: fileRefSchema, apply: z.boolean().default(false) });

const COLUMNS = {
  year: ['年度', '年份'],
  name: ['集体名称', '单位名称', '名称', '集体'],
  outcome: ['报送情况', '报送', '报送状态'],
  score: ['得分', '分数', '最终得分'],
  verdict: ['等次', '评审等次', '定级'],
  honored: ['是否表彰', '表彰', '受表彰'],
} as const;
type Column = keyof typeof COLUMNS;

const OUTCOMES: Record<string, YearOutcome> = {
  按时: 'onTime',
  按时报送: 'onTime',
  逾期: 'late',
  逾期报送: 'late',
  未报送: 'missing',
  未报: 'missing',
  被拒收: 'refused',
  拒收: 'refused',
};

interface HistoryRow {
  row: number;
  year: number;
  name: string;
  unitId: number;
  outcome: YearOutcome;
  score: number | null;
  verdict: string | null;
  honored: boolean;
}

export interface HistoryPlan {
  rows: HistoryRow[];
  years: Array<{
    year: number;
    rows: number;
    onTime: number;
    late: number;
    missing: number;
    refused: number;
    honored: number;
    campaign: 'new' | 'existing';
  }>;
  unmatched: Array<{ row: number; name: string }>;
  bad: Array<{ row: number; reason: string }>;
  /** Already has that year's material in the app: not overwritten. */
  kept: Array<{ row: number; name: string; year: number }>;
}

async function plan(ctx: CoreContext, file: z.output<typeof fileRefSchema>): Promise<HistoryPlan> {
  const { file: local, name } = refFile(ctx.dataDir, file);
  if (fs.statSync(local).size > 20 * 1024 ** 2)
    throw new DeskError('too-large', '文件过大（往年情况表格上限 20 MB）。请检查是否选错了文件。');
  const grid = await readSheet(name, fs.readFileSync(local));
  const headerAt = grid.rows.findIndex(
    (r) =>
      r.some((c) => COLUMNS.year.includes(headerKey(c) as never)) &&
      r.some((c) => COLUMNS.name.includes(headerKey(c) as never)),
  );
  if (headerAt < 0)
    throw new DeskError(
      'no-name-column',
      '没有找到“年度”和“集体名称”两列。往年情况表应有：年度、集体名称、报送情况（按时/逾期/未报送/被拒收），可选 得分、等次、是否表彰。',
    );
  const header = grid.rows[headerAt]!.map(headerKey);
  const col = (c: Column) => header.findIndex((h) => (COLUMNS[c] as readonly string[]).includes(h));
  const at = Object.fromEntries((Object.keys(COLUMNS) as Column[]).map((c) => [c, col(c)])) as Record<Column, number>;
  if (at.outcome < 0) throw new DeskError('invalid-input', '没有找到“报送情况”列（按时 / 逾期 / 未报送 / 被拒收）。');
  const roster = listUnits(ctx.db.orm);
  const byName = new Map<string, number>();
  for (const u of roster) for (const n of [u.name, ...u.aliases]) byName.set(n.trim(), u.id);
  const out: HistoryPlan = { rows: [], years: [], unmatched: [], bad: [], kept: [] };
  const existing = new Map(listCampaigns(ctx.db.orm).map((c) => [c.year, c.id]));
  for (let i = headerAt + 1; i < grid.rows.length; i++) {
    const cells = grid.rows[i]!;
    const row = grid.rowNumbers[i] ?? i + 1;
    const cell = (c: Column) => (at[c] >= 0 ? (cells[at[c]] ?? '').trim() : '');
    if (!cell('name') && !cell('year')) continue;
    const year = Number(cell('year').replace(/年(度)?$/, ''));
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      out.bad.push({ row, reason: `年度“${cell('year')}”不是四位年份` });
      continue;
    }
    const outcome = OUTCOMES[cell('outcome').replace(/\s/g, '')];
    if (!outcome) {
      out.bad.push({ row, reason: `报送情况“${cell('outcome')}”应为 按时、逾期、未报送 或 被拒收` });
      continue;
    }
    const scoreText = cell('score');
    const score = scoreText === '' ? null : Number(scoreText);
    if (score !== null && (!Number.isFinite(score) || score < 0 || score > 1000)) {
      out.bad.push({ row, reason: `得分“${scoreText}”不是数字` });
      continue;
    }
    const unitId = byName.get(cell('name'));
    if (unitId === undefined) {
      out.unmatched.push({ row, name: cell('name') });
      continue;
    }
    const campaignId = existing.get(year);
    const has =
      campaignId &&
      (ctx.db.orm
        .select({ id: submissions.id })
        .from(submissions)
        .where(
          and(eq(submissions.campaignId, campaignId), eq(submissions.unitId, unitId), isNull(submissions.deletedAt)),
        )
        .get() ||
        ctx.db.orm
          .select({ id: intakeSources.id })
          .from(intakeSources)
          .where(
            and(
              eq(intakeSources.campaignId, campaignId),
              eq(intakeSources.unitId, unitId),
              eq(intakeSources.kind, 'history'),
            ),
          )
          .get());
    if (has) {
      out.kept.push({ row, name: cell('name'), year });
      continue;
    }
    out.rows.push({
      row,
      year,
      name: cell('name'),
      unitId,
      outcome,
      score: score === null ? null : Math.round(score),
      verdict: cell('verdict') || null,
      honored: /^(是|√|✓|1|表彰|y|yes)$/i.test(cell('honored')),
    });
  }
  for (const year of [...new Set(out.rows.map((r) => r.year))].sort()) {
    const rows = out.rows.filter((r) => r.year === year);
    const count = (o: YearOutcome) => rows.filter((r) => r.outcome === o).length;
    out.years.push({
      year,
      rows: rows.length,
      onTime: count('onTime'),
      late: count('late'),
      missing: count('missing'),
      refused: count('refused'),
      honored: rows.filter((r) => r.honored).length,
      campaign: existing.has(year) ? 'existing' : 'new',
    });
  }
  return out;
}

/** The campaign of a past year: the app's own if it has one, else a copy of the current one moved to that year. */
function yearCampaign(ctx: CoreContext, year: number): { id: number; deadlineEndsAt: string } {
  const found = listCampaigns(ctx.db.orm).find((c) => c.year === year);
  if (found) return { id: found.id, deadlineEndsAt: found.deadlineEndsAt };
  const current = currentCampaign(ctx.db.orm) ?? listCampaigns(ctx.db.orm).at(-1);
  if (!current) throw new DeskError('not-found', '还没有年度工作，无法建立往年的记录');
  const made = copyCampaign(ctx.db.orm, current.id, year);
  ctx.db.orm
    .update(campaigns)
    .set({ title: `${year}年度青年文明号集体工作（往年情况导入）` })
    .where(eq(campaigns.id, made.id))
    .run();
  return { id: made.id, deadlineEndsAt: made.deadlineEndsAt };
}

function writeRow(tx: Executor, campaign: { id: number; deadlineEndsAt: string }, r: HistoryRow, at: string): void {
  const note = '往年情况导入';
  if (r.outcome === 'refused') {
    tx.insert(intakeSources)
      .values({
        campaignId: campaign.id,
        label: note,
        kind: 'history',
        status: 'rejected',
        code: 'history',
        message: `${note}：该年度材料被拒收`,
        unitId: r.unitId,
      })
      .run();
  } else if (r.outcome === 'onTime' || r.outcome === 'late') {
    // Arrived a day before or after the deadline: all that is known is which side of it.
    const receivedAt = new Date(
      Date.parse(campaign.deadlineEndsAt) + (r.outcome === 'late' ? 1 : -1) * 86_400_000,
    ).toISOString();
    const row = tx
      .insert(submissions)
      .values({
        campaignId: campaign.id,
        unitId: r.unitId,
        version: 1,
        isCurrent: true,
        receivedAt,
        receivedFrom: 'import',
        late: r.outcome === 'late',
        completeness: 'complete',
        problems: [],
        sourceLabel: note,
        sourceKind: 'history',
        fingerprint: `history:${campaign.id}:${r.unitId}`,
        notes: [`${note}（第 ${r.row} 行）`],
      })
      .returning({ id: submissions.id })
      .get();
    if (r.verdict || r.score !== null)
      tx.insert(decisions)
        .values({
          submissionId: row.id,
          verdict: r.verdict ?? '—',
          score: r.score,
          basis: 'history',
          reason: note,
          decidedAt: at,
        })
        .run();
  }
  if (r.honored)
    tx.insert(honors)
      .values({ campaignId: campaign.id, unitId: r.unitId, basis: 'history', reason: note, decidedAt: at })
      .onConflictDoNothing()
      .run();
}

export async function importHistory(ctx: CoreContext, input: z.output<typeof importHistorySchema>) {
  const p = await plan(ctx, input.file);
  if (!input.apply) return { applied: false, ...p };
  const at = new Date().toISOString();
  // All years or none: a sheet half-imported would make some years look unreported.
  ctx.db.orm.transaction((tx) => {
    for (const y of p.years) {
      const campaign = yearCampaign(ctx, y.year);
      for (const r of p.rows.filter((x) => x.year === y.year)) writeRow(tx, campaign, r, at);
    }
  });
  return { applied: true, ...p };
}
