/**
 * The statistics workbook for 5,000 units with 3 reviews each, timed against writing the same
 * rows (same sheets, same cells) with bare exceljs in the same run. Target: ≤ 1.3×.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createCore } from '../src-main/core';
import { openDatabase } from '../src-main/core/db/open';
import { submissionFiles, reviewers, reviews, submissions, units } from '../src-main/core/db/schema';
import { findResourcesDir } from '../src-main/core/dataFolder/resources';
import { collectStats } from '../src-main/core/export/statsData';
import { writeStatsWorkbook } from '../src-main/core/export/statsWorkbook';
import { getCampaign } from '../src-main/core/campaigns/campaigns';

const UNITS = Number(process.env.BENCH_UNITS ?? 5000);

function seed(dataDir: string): void {
  createCore({ dataDir, version: 'bench', mode: 'cli' }).close();
  const db = openDatabase({
    file: path.join(dataDir, 'desk.sqlite'),
    migrationsFolder: path.join(findResourcesDir(), 'migrations'),
    backupsDir: path.join(dataDir, 'backups'),
  });
  const orm = db.orm;
  const campaign = getCampaign(orm, 1);
  orm.transaction((tx) => {
    const reviewerIds = ['甲', '乙', '丙', '丁', '戊'].map(
      (n) =>
        tx
          .insert(reviewers)
          .values({ name: `评审${n}`, conflictSectorIds: [], conflictUnitIds: [] })
          .returning({ id: reviewers.id })
          .get().id,
    );
    for (let i = 0; i < UNITS; i++) {
      const unitId = tx
        .insert(units)
        .values({
          name: `柳州市第${i + 1}号青年文明号集体`,
          sectorId: (i % 9) + 1,
          level: '市级',
          status: 'active',
          searchText: '',
        })
        .returning({ id: units.id })
        .get().id;
      if (i % 10 === 9) continue; // one in ten did not submit
      const submissionId = tx
        .insert(submissions)
        .values({
          campaignId: campaign.id,
          unitId,
          version: 1,
          isCurrent: true,
          receivedAt: '2022-10-20T02:00:00.000Z',
          receivedFrom: 'archive',
          late: i % 7 === 0,
          completeness: i % 5 === 0 ? 'incomplete' : 'complete',
          problems: [],
          sourceLabel: `${i}.zip`,
          sourceKind: 'zip',
          fingerprint: `fp${i}`,
          notes: [],
        })
        .returning({ id: submissions.id })
        .get().id;
      tx.insert(submissionFiles)
        .values(
          [0, 1, 2, 3].map((p) => ({
            submissionId,
            position: p,
            pathInSource: `${p}`,
            name: `${p}`,
            size: 1,
            sha256: String(i * 10 + p).padStart(64, '0'),
            kind: p === 0 ? 'summary' : 'photo',
          })),
        )
        .run();
      for (let r = 0; r < 3; r++) {
        const answers = Object.fromEntries(
          campaign.items.map((item, k) => [
            String(item.id),
            item.kind === 'count' ? { count: (i + r) % 6 } : { done: (i + k + r) % 4 !== 0 },
          ]),
        );
        tx.insert(reviews)
          .values({
            submissionId,
            reviewerId: reviewerIds[(i + r) % 5]!,
            answers,
            total: 60 + ((i * 7 + r * 13) % 40),
            verdict: '合格',
            status: 'submitted',
            updatedAt: '2022-11-10T00:00:00Z',
          })
          .run();
      }
    }
  });
  db.close();
}

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

export async function benchExport(): Promise<{ ours: number; bare: number; ratio: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-export-'));
  try {
    seed(dataDir);
    const db = openDatabase({
      file: path.join(dataDir, 'desk.sqlite'),
      migrationsFolder: path.join(findResourcesDir(), 'migrations'),
      backupsDir: path.join(dataDir, 'backups'),
    });
    // Warm-up: the first run pays for module loading and SQLite's cache.
    collectStats(db.orm, 1);

    const runOurs = async () => {
      const start = process.hrtime.bigint();
      await writeStatsWorkbook(collectStats(db.orm, 1), path.join(dataDir, 'ours.xlsx'));
      return seconds(start);
    };
    const data = collectStats(db.orm, 1);

    // The baseline: the same sheets and the same cell values, written with bare exceljs.
    const detailRows = data.units.map((u) => [
      u.index,
      u.name,
      u.sector,
      u.level,
      u.receivedAt,
      u.late ? '逾期' : '按时',
      u.summaries ? '有' : '无',
      u.photos,
      u.complete ? '齐全' : '不齐全',
      ...Object.values(u.items).map((v) => (v ? '✓' : '✗')),
      u.reviewerScores,
      u.mean,
      u.verdict,
      u.practice,
      u.remarks,
    ]);
    const runBare = async () => {
      const start = process.hrtime.bigint();
      const book = new ExcelJS.Workbook();
      const summary = book.addWorksheet('汇总');
      for (const s of [...data.sectors, data.total])
        summary.addRow([
          s.sector,
          s.units,
          s.submitted,
          s.onTime,
          s.late,
          s.missing,
          s.submitted / Math.max(s.units, 1),
          s.complete,
          s.incomplete,
          s.reviewed,
          s.meanScore,
          ...Object.values(s.verdicts),
        ]);
      for (const name of ['明细', '明细（无合并单元格）']) book.addWorksheet(name).addRows(detailRows);
      book
        .addWorksheet('活动开展情况')
        .addRows(data.activity.map((a) => [a.item.title, ...Object.values(a.bySector), a.total]));
      book
        .addWorksheet('未报送名单')
        .addRows(
          data.units.filter((u) => !u.submitted).map((u) => [u.index, u.name, u.sector, u.contact, u.phone, u.email]),
        );
      await book.xlsx.writeFile(path.join(dataDir, 'bare.xlsx'));
      return seconds(start);
    };
    // Alternating runs, median of three each: one slow moment does not decide the ratio.
    const oursRuns: number[] = [];
    const bareRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      oursRuns.push(await runOurs());
      bareRuns.push(await runBare());
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const ours = median(oursRuns);
    const bare = median(bareRuns);
    db.close();
    return { ours, bare, ratio: ours / bare };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The commendation list of 2,000 names (with rare characters among them): seconds and bytes. Target < 3 s, < 1 MB. */
export async function benchHonorsPdf(): Promise<{ seconds: number; bytes: number }> {
  const { honorsPdf } = await import('../src-main/core/export/honorsPdf');
  const sectorNames = [
    '县区团委',
    '市直机关团工委',
    '柳东新区团工委',
    '金融团工委',
    '非公企业团工委',
    '教育团工委',
    '基层单位团组织',
    '市组委会成员单位',
  ];
  const groups = sectorNames.map((sector, g) => ({
    sector,
    names: Array.from({ length: 250 }, (_, i) =>
      i % 5 === 0
        ? `柳州市砦䶮𠮷第${g * 250 + i + 1}号集体`
        : i % 2
          ? `柳州市第${g * 250 + i + 1}号青年文明号集体`
          : `第${g * 250 + i + 1}营业部`,
    ),
  }));
  const start = process.hrtime.bigint();
  const pdf = await honorsPdf({
    title: '关于表彰2022年度柳州市青年文明号集体的决定',
    issuer: '柳州市创建青年文明号活动组委会',
    date: '2022-12-20',
    unranked: true,
    groups,
  });
  return { seconds: seconds(start), bytes: pdf.length };
}

if (process.argv[1]?.endsWith('benchExport.ts')) {
  // One after the other: run together they would slow each other down.
  void (async () => {
    const r = await benchExport();
    console.log(
      `统计表（${UNITS} 个集体，每个 3 份评审）：${r.ours.toFixed(2)} s；同样的行用 exceljs 直接写：${r.bare.toFixed(2)} s；比值 ${r.ratio.toFixed(2)}（目标 ≤ 1.3）`,
    );
    const p = await benchHonorsPdf();
    console.log(`表彰名单 PDF（2000 个名称）：${p.seconds.toFixed(2)} s，${(p.bytes / 1024).toFixed(0)} KB`);
  })();
}
