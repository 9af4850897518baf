/**
 * `npm run bench`: intake against unzip, and the statistics workbook against bare exceljs, each in
 * the same run on the same machine.
 *
 * Generates N ZIPs as Chinese Windows writes them (GBK names, no UTF-8 flag), each a ~40 KB .docx
 * and five ~1.5 MB photos laid out as a camera writes them (a frame header, then noise), then times
 *   A. `unzip -o` of every ZIP into a temporary folder (the baseline), and
 *   B. `desk import` of the same folder into a fresh data folder (hashing, matching, database),
 * and prints B/A. Target: ≤ 1.5. It does the same for the first 60 ZIPs (target ≤ 1.2, start-up included)
 * and prints both peak memory figures: they must stay flat as the number of ZIPs grows.
 *
 * The scale set (benchScale.ts): list, queue, results, 概览 and the statistics export at 25,000 submissions
 * and at a tenth. The data folder intake made (~2 GB) is then backed up with `desk backup` against `tar cf`
 * (benchBackup.ts).
 * Then many small ZIPs against unzip (benchSmallZips.ts) and a mailbox fetch against Python's
 * imaplib (benchMail.ts), and how long a second caller waits while browser mode imports a roster and the same ZIPs
 * (benchLatency.ts), the statistics workbook and the commendation PDF (benchExport.ts), and
 * the 评审助手 on its evaluation set (benchEvidence.ts), and reviewing 50 submissions in a row in Chromium
 * (benchReview.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeDocx, photoLike, writeZip } from '../tests/support/zipWriter';
import { benchBackup } from './benchBackup';
import { benchBackupSmall } from './benchBackupSmall';
import { benchScale } from './benchScale';
import { benchDashboard } from './benchDashboard';
import { benchDocuments } from './benchDocuments';
import { benchSavers } from './benchSavers';
import { benchExport, benchHonorsPdf } from './benchExport';
import { benchLatency, latencyOk, type Latency } from './benchLatency';
import { benchReview } from './benchReview';
import { benchReviewDay } from './benchReviewDay';
import { benchEvidence } from './benchEvidence';
import { benchMail } from './benchMail';
import { benchSmallZips } from './benchSmallZips';
import { seconds } from './stopwatch';

const COUNT = Number(process.env.BENCH_ZIPS ?? 300);
/** The "ordinary unit ZIPs": a year's first batch, start-up included, against unzip of the same. */
const ORDINARY = 60;
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
const cli = path.join(root, 'out/main/cli.js');

function generate(dir: string, count: number): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const unit = `柳州市第${i + 1}青年文明号集体`;
    const entries = [
      { name: `${unit}/2022年度工作总结.docx`, data: makeDocx(unit, 38_000), deflate: true },
      ...Array.from({ length: 5 }, (_, p) => ({
        name: `${unit}/活动照片${p + 1}.jpg`,
        data: photoLike(1_500_000, i * 10 + p),
      })),
    ];
    fs.writeFileSync(path.join(dir, `${unit}.zip`), writeZip(entries));
  }
}

function unzipAll(dir: string, out: string): void {
  for (const zip of fs.readdirSync(dir).sort()) {
    const result = spawnSync('unzip', ['-o', '-q', path.join(dir, zip), '-d', out]);
    if (result.status !== 0) throw new Error(`unzip failed on ${zip}`);
  }
}

function intake(
  dir: string,
  data: string,
): { seconds: number; peakRssMb: number; imported: number; loopMaxMs: number; loopP99Ms: number } {
  let output = '';
  let stderr = '';
  const time = seconds(() => {
    const result = spawnSync(process.execPath, [cli, '--data', data, 'import', dir, '--json'], {
      env: { ...process.env, DESK_REPORT_RSS: '1' },
      maxBuffer: 256 * 1024 ** 2,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`desk import failed: ${result.stderr}`);
    output = result.stdout;
    stderr = result.stderr;
  });
  const stats = /peak-rss-kb=(\d+) loop-delay-max-ms=(\d+) loop-delay-p99-ms=(\d+)/.exec(stderr);
  const totals = JSON.parse(output).totals as { imported: number; unmatched: number };
  return {
    seconds: time,
    peakRssMb: stats ? Number(stats[1]) / 1024 : NaN,
    loopMaxMs: stats ? Number(stats[2]) : NaN,
    loopP99Ms: stats ? Number(stats[3]) : NaN,
    imported: totals.imported + totals.unmatched,
  };
}

/**
 * Same footing for both runs: earlier writes flushed to disk (so neither pays for the other's
 * write-back) and every ZIP read once (so neither pays for the cold disk alone).
 */
function settle(dir: string): void {
  spawnSync('sync');
  for (const f of fs.readdirSync(dir)) fs.readFileSync(path.join(dir, f));
}

async function main(): Promise<void> {
  if (!fs.existsSync(cli)) execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const zips = path.join(work, 'zips');
  const firstBatch = path.join(work, 'zips-firstBatch');
  console.log(`生成 ${COUNT} 个压缩包（每个含 ~40 KB .docx 与 5 张 ~1.5 MB 照片，GBK 文件名）……`);
  generate(zips, COUNT);
  fs.mkdirSync(firstBatch);
  for (const f of fs.readdirSync(zips).sort().slice(0, Math.min(ORDINARY, COUNT)))
    fs.linkSync(path.join(zips, f), path.join(firstBatch, f));
  const totalMb = fs.readdirSync(zips).reduce((n, f) => n + fs.statSync(path.join(zips, f)).size, 0) / 1024 ** 2;

  settle(zips);
  const unzipSeconds = seconds(() => unzipAll(zips, path.join(work, 'unzipped')));
  fs.rmSync(path.join(work, 'unzipped'), { recursive: true, force: true });
  settle(zips);
  const full = intake(zips, path.join(work, 'data-full'));
  const backup = benchBackup(cli, path.join(work, 'data-full'), work);
  fs.rmSync(path.join(work, 'data-full'), { recursive: true, force: true });
  settle(firstBatch);
  const firstUnzip = seconds(() => unzipAll(firstBatch, path.join(work, 'unzipped-firstBatch')));
  fs.rmSync(path.join(work, 'unzipped-firstBatch'), { recursive: true, force: true });
  settle(firstBatch);
  const ordinary = intake(firstBatch, path.join(work, 'data-ordinary'));
  const ordinaryRatio = ordinary.seconds / firstUnzip;

  const ratio = full.seconds / unzipSeconds;
  console.log(`压缩包：${COUNT} 个，共 ${totalMb.toFixed(0)} MB`);
  console.log(`unzip -o：${unzipSeconds.toFixed(2)} s`);
  console.log(`desk import：${full.seconds.toFixed(2)} s（收下 ${full.imported} 份）`);
  console.log(`intake/unzip = ${ratio.toFixed(2)}（目标 ≤ 1.5）${ratio <= 1.5 ? '达标' : '未达标'}`);
  console.log(
    `峰值内存：${ordinary.peakRssMb.toFixed(0)} MB（${firstBatch ? fs.readdirSync(firstBatch).length : 0} 个）→ ${full.peakRssMb.toFixed(0)} MB（${COUNT} 个）`,
  );
  console.log(
    `收件期间事件循环最长阻塞：${full.loopMaxMs} ms（p99 ${full.loopP99Ms} ms）——桌面版窗口同一进程内的响应参考`,
  );
  console.log(
    `${fs.readdirSync(firstBatch).length} 个普通压缩包（含启动）：unzip ${firstUnzip.toFixed(2)} s，desk import ${ordinary.seconds.toFixed(2)} s，比值 ${ordinaryRatio.toFixed(2)}（目标 ≤ 1.2）${ordinaryRatio <= 1.2 ? '达标' : '未达标'}`,
  );
  for (const line of backup.line) console.log(line);
  const backupSmall = await benchBackupSmall(cli);
  for (const line of backupSmall.line) console.log(line);
  const documents = await benchDocuments();
  for (const line of documents.line) console.log(line);
  const smallZips = benchSmallZips();
  for (const line of smallZips.line) console.log(line);
  const mail = await benchMail();
  for (const line of mail.line) console.log(line);
  const latency = await benchLatency(zips);
  const lat = (l: Latency) =>
    `中位 ${l.medianMs.toFixed(1)} ms，p99 ${l.p99Ms.toFixed(1)} ms，最长 ${l.maxMs.toFixed(1)} ms（${l.polls} 次）`;
  const rosterOk = latencyOk(latency.idle, latency.roster);
  const intakeOk = latencyOk(latency.idle, latency.intake);
  console.log(`浏览器模式下每 50 ms 查询 app.info：空闲时 ${lat(latency.idle)}`);
  console.log(
    `  导入 5000 行名册期间：${lat(latency.roster)}（目标 p99 < 100 ms 且 < 空闲 p99 的 3 倍）${rosterOk ? '达标' : '未达标'}`,
  );
  console.log(`  收件 ${latency.zips} 个压缩包期间：${lat(latency.intake)}（同上）${intakeOk ? '达标' : '未达标'}`);
  const exported = await benchExport();
  console.log(
    `统计表（5000 个集体，每个 3 份评审）：${exported.ours.toFixed(2)} s；同样的行用 exceljs 直接写：${exported.bare.toFixed(2)} s；比值 ${exported.ratio.toFixed(2)}（目标 ≤ 1.3）${exported.ratio <= 1.3 ? '达标' : '未达标'}`,
  );
  const pdf = await benchHonorsPdf();
  const pdfOk = pdf.seconds < 3 && pdf.bytes < 1024 * 1024;
  console.log(
    `表彰名单 PDF（2000 个名称，含生僻字，首次加载字体在内）：${pdf.seconds.toFixed(2)} s，${(pdf.bytes / 1024).toFixed(0)} KB（目标 < 3 s、< 1 MB）${pdfOk ? '达标' : '未达标'}`,
  );
  const scale = await benchScale();
  for (const line of scale.line) console.log(line);
  const dashboard = await benchDashboard();
  for (const line of dashboard.line) console.log(line);
  const savers = await benchSavers();
  for (const line of savers.line) console.log(line);
  const reviewDay = await benchReviewDay();
  for (const line of reviewDay.line) console.log(line);
  const evidence = await benchEvidence();
  for (const line of evidence.line) console.log(line);
  const review = await benchReview();
  const reviewOk = review.warm.maxMs < 300;
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  console.log(
    `连续评审 ${review.warm.moves} 份（每份 ~40 KB .docx 与 5 张 ${(review.photoKb / 1024).toFixed(1)} MB 的 4000×3000 照片），按 J 到总结与照片显示完毕：中位 ${ms(review.warm.medianMs)}，p95 ${ms(review.warm.p95Ms)}，最长 ${ms(review.warm.maxMs)}（目标每次 < 300 ms）${reviewOk ? '达标' : '未达标'}`,
  );
  console.log(
    `  缩略图未预先生成、浏览器缓存关闭时（首次查看时现做）：中位 ${ms(review.cold.medianMs)}，p95 ${ms(review.cold.p95Ms)}，最长 ${ms(review.cold.maxMs)}`,
  );
  process.exitCode =
    ratio <= 1.5 &&
    ordinaryRatio <= 1.2 &&
    backup.ratio <= 1.5 &&
    backupSmall.ratio <= 2 &&
    scale.ok &&
    dashboard.ok &&
    smallZips.ratio <= 2 &&
    documents.ok &&
    savers.ok &&
    reviewDay.ok &&
    evidence.ok &&
    mail.ratio <= 1.3 &&
    exported.ratio <= 1.3 &&
    pdfOk &&
    reviewOk &&
    rosterOk &&
    intakeOk
      ? 0
      : 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
