import fs from 'node:fs';
import type { CoreContext } from '../app/context';
import type { Job } from '../contract/define';
import type { Campaign } from '../campaigns/model';
import { listUnits } from '../roster/units';
import { prepareOne, totalsOf, type IntakeTotals, type SourceReport } from './intake';
import { readLimits } from './limits';
import { importMbox } from './mbox';
import { writeBatch, type Prepared } from './rows';
import type { Source } from './sources';

/**
 * A batch is written when it holds this many sources or files, or has waited this long: the UI sees new material within
 * a moment.
 */
const BATCH_SOURCES = 100;
const BATCH_FILES = 2_000;
const BATCH_WAIT_MS = 500;

function sourceBytes(source: Source): number {
  if ('mail' in source) return 0;
  const files = 'files' in source ? source.files.map((f) => f.file) : (source.volumes?.parts ?? [source.file]);
  return files.reduce((n, f) => n + fs.statSync(f).size, 0);
}

/**
 * Imports every source into one campaign (the dispatcher holds the long-write lock). Cancelling
 * stops between sources or between a source's entries; a source cut short stores nothing, earlier
 * ones stay.
 */
export async function importSources(
  ctx: CoreContext,
  campaign: Campaign,
  sources: Source[],
  job: Job,
): Promise<{ sources: SourceReport[]; totals: IntakeTotals; cancelled: boolean; notStarted: number }> {
  const roster = listUnits(ctx.db.orm);
  const limits = readLimits(ctx.db.orm);
  const reports: SourceReport[] = [];
  const sizes = sources.map(sourceBytes);
  const bytesTotal = sizes.reduce((a, b) => a + b, 0);
  let bytesDone = 0;
  let batch: Prepared[] = [];
  let batchFiles = 0;
  let batchSince = 0;
  const flush = () => {
    reports.push(...writeBatch(ctx, campaign, batch));
    batch = [];
    batchFiles = 0;
  };
  try {
    for (const [index, source] of sources.entries()) {
      if (job.signal.aborted) break;
      job.progress({ done: index, total: sources.length, message: `正在收件：${source.label}`, bytesDone, bytesTotal });
      if (source.kind === 'mbox' && 'file' in source) {
        flush();
        reports.push(...(await importMbox(ctx, campaign, roster, source.file, source.label, job)));
      } else {
        const prepared = await prepareOne(campaign, roster, ctx.store, source, job.signal, limits);
        if (prepared) {
          if (!batch.length) batchSince = Date.now();
          batch.push(prepared);
          batchFiles += 'files' in prepared ? prepared.files.length : 0;
          if (batch.length >= BATCH_SOURCES || batchFiles >= BATCH_FILES || Date.now() - batchSince >= BATCH_WAIT_MS)
            flush();
        }
      }
      bytesDone += sizes[index]!;
    }
  } finally {
    // Sources read before a cancel or a failure are kept: what was read is stored.
    flush();
  }
  job.progress({
    done: sources.length,
    total: sources.length,
    message: job.signal.aborted ? '已取消' : '收件完成',
    bytesDone,
    bytesTotal,
  });
  return {
    sources: reports,
    totals: totalsOf(reports),
    cancelled: job.signal.aborted,
    notStarted: sources.length - reports.length,
  };
}
