import { inArray } from 'drizzle-orm';
import type { SummaryReading } from '../../common/fileKinds';
import { summaryTexts } from '../db/derived';
import type { Executor } from '../db/open';
import { slices } from '../db/slices';

/** Each summary's reading, so 收件 can say which material has nothing readable (an index read per slice). */
export function markReadings(
  orm: Executor,
  files: Array<{ kind: string; sha256: string; reading?: SummaryReading }>,
): void {
  const summaries = files.filter((f) => f.kind === 'summary');
  const status = new Map<string, string>();
  for (const slice of slices([...new Set(summaries.map((f) => f.sha256))], 1))
    for (const row of orm
      .select({ sha256: summaryTexts.sha256, status: summaryTexts.status })
      .from(summaryTexts)
      .where(inArray(summaryTexts.sha256, slice))
      .all())
      status.set(row.sha256, row.status);
  for (const file of summaries) file.reading = (status.get(file.sha256) ?? null) as SummaryReading;
}
