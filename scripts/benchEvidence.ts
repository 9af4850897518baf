/**
 * The 评审助手 (#29), measured on the evaluation set (tests/support/evidenceSet.ts, saved as .docx
 * by LibreOffice into tests/fixtures/evidence): the six summaries are imported into a fresh data
 * folder and read through `reviews.evidence` as 评审 reads them. Prints
 *   - recall@3: labelled items whose sentence is among the item's three passages (target ≥ 90 %),
 *     and the study counts read right (target: all), with the 证据词 as shipped and with none
 *     (title and guidance only) for comparison;
 *   - the time to work out one summary (target < 300 ms) and to fetch kept evidence (target < 50 ms);
 *   - a year of 25,000 summaries worked out as the indexer does it, in the background, with the
 *     event loop's longest wait meanwhile (what a reviewer's call could be held up by).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { CLI_OFFICE } from '../src-main/common/principal';
import { createCore, type Core } from '../src-main/core';
import { evidenceFor, type ItemEvidence } from '../src-main/core/evidence/rank';
import { summaryEvidence } from '../src-main/core/evidence/store';
import { vocabularyOf } from '../src-main/core/evidence/vocabulary';
import type { Campaign } from '../src-main/core/campaigns/model';
import { EVIDENCE_SET } from '../tests/support/evidenceSet';
import { evaluateSet, textOf } from '../tests/support/evidenceEval';
import { writeZip } from '../tests/support/zipWriter';

const SET_DIR = path.resolve(import.meta.dirname, '../tests/fixtures/evidence');
const YEAR = Number(process.env.BENCH_EVIDENCE_SUMMARIES ?? 25_000);

async function call<T>(core: Core, name: string, input?: unknown): Promise<T> {
  const answer = await core.invoke(name, input, CLI_OFFICE);
  if (!answer.ok) throw new Error(`${name}: ${answer.error.message}`);
  return answer.value as T;
}

const p99 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.99)] ?? 0;

/** The year's summaries: the set's sentences in another order per summary, under another unit's name. */
function yearOfTexts(count: number): string[] {
  const lines = EVIDENCE_SET.flatMap((s) => s.lines.map((l) => l.map(([, t]) => t).join('')));
  return Array.from({ length: count }, (_, i) => {
    const picked = Array.from({ length: 24 }, (_, k) => lines[(i * 7 + k * 13) % lines.length]);
    return `第${i + 1}号集体2022年度工作总结\n${picked.join('\n')}`;
  });
}

async function backgroundYear(dataDir: string, campaign: Campaign) {
  const db = new Database(path.join(dataDir, 'desk.sqlite'));
  const texts = yearOfTexts(YEAR);
  const row = db.prepare(
    `INSERT INTO summary_texts (sha256, status, chars, reader, extracted_at) VALUES (?, 'indexed', ?, 'bench', '') RETURNING id`,
  );
  const words = db.prepare('INSERT INTO summary_fts (rowid, text) VALUES (?, ?)');
  db.transaction(() => {
    texts.forEach((text, i) => {
      const { id } = row.get(`bench-${i}`, text.length) as { id: number };
      words.run(id, text);
    });
  })();
  const vocabulary = vocabularyOf(campaign);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  for (let i = 0; i < texts.length; i++) {
    summaryEvidence(db, `bench-${i}`, vocabulary);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - started) / 1000;
  loop.disable();
  db.close();
  return { seconds, loopMaxMs: loop.max / 1e6, loopP99Ms: loop.percentile(99) / 1e6 };
}

export async function benchEvidence(): Promise<{ line: string[]; ok: boolean }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-evidence-'));
  const core = createCore({ dataDir, version: 'bench', mode: 'cli' });
  try {
    const folder = path.join(dataDir, 'incoming');
    fs.mkdirSync(folder);
    for (const [i, summary] of EVIDENCE_SET.entries()) {
      await call(core, 'units.create', { name: `评估单位${i + 1}`, sectorId: 6 });
      const docx = fs.readFileSync(path.join(SET_DIR, summary.file));
      fs.writeFileSync(path.join(folder, `评估单位${i + 1}.zip`), writeZip([{ name: '工作总结.docx', data: docx }]));
    }
    const imported = await call<{ sources: Array<{ unit?: { name: string }; submission_id?: number }> }>(
      core,
      'intake.import',
      { files: [{ path: folder }] },
    );
    const idOf = (file: string) =>
      imported.sources.find((s) => s.unit?.name === `评估单位${EVIDENCE_SET.findIndex((e) => e.file === file) + 1}`)!
        .submission_id!;
    const asked = (file: string) =>
      call<{ items: ItemEvidence[] }>(core, 'reviews.evidence', { submissionId: idOf(file) });
    const shipped = await evaluateSet(async (s) => (await asked(s.file)).items);
    const campaign = (await call<Campaign>(core, 'campaigns.current'))!;
    const bare = vocabularyOf(campaign).items.map((i) => ({ ...i, words: [] }));
    const titleOnly = await evaluateSet(async (s) => evidenceFor(textOf(s), bare));

    const fetches: number[] = [];
    for (let round = 0; round < 50; round++)
      for (const s of EVIDENCE_SET) {
        const t0 = performance.now();
        await asked(s.file);
        fetches.push(performance.now() - t0);
      }
    const long = EVIDENCE_SET.map(textOf).join('\n').repeat(3);
    const vocabulary = vocabularyOf(campaign);
    const computes: number[] = [];
    for (let round = 0; round < 20; round++)
      for (const text of [...EVIDENCE_SET.map(textOf), long]) {
        const t0 = performance.now();
        evidenceFor(text, vocabulary.items);
        computes.push(performance.now() - t0);
      }
    await core.close();
    const year = await backgroundYear(dataDir, campaign);

    const pct = (n: number) => `${(n * 100).toFixed(1)} %`;
    const computeMax = Math.max(...computes);
    const ok =
      shipped.recall >= 0.9 && shipped.countsRight === shipped.counted && computeMax < 300 && p99(fetches) < 50;
    return {
      ok,
      line: [
        `评审助手（评估集 ${EVIDENCE_SET.length} 份 LibreOffice .docx 总结，${shipped.labelled} 个标注的检查项）：`,
        `  recall@3 ${pct(shipped.recall)}（${shipped.found}/${shipped.labelled}，目标 ≥ 90 %）；次数读对 ${shipped.countsRight}/${shipped.counted}；` +
          `只用项目名称和要点（不用证据词）时 recall@3 ${pct(titleOnly.recall)}、次数 ${titleOnly.countsRight}/${titleOnly.counted}`,
        ...shipped.misses.map((m) => `  未命中：${m}`),
        `  计算一份总结 最长 ${computeMax.toFixed(1)} ms（含 ${long.length} 字的长总结；目标 < 300 ms）；` +
          `已算好时取一份 p99 ${p99(fetches).toFixed(1)} ms（目标 < 50 ms）`,
        `  后台计算一年 ${YEAR} 份总结：${year.seconds.toFixed(1)} s，期间事件循环最长等待 ${year.loopMaxMs.toFixed(1)} ms（p99 ${year.loopP99Ms.toFixed(1)} ms） ${ok ? '达标' : '未达标'}`,
      ],
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchEvidence();
  for (const line of result.line) console.log(line);
}
