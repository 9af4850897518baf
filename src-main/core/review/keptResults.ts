import type Database from 'better-sqlite3';
import { clientOf, tablesToken, type RecordTable } from '../db/memo';
import type { Orm } from '../db/open';
import type { SubmissionResult } from './aggregate';

/** What decides which submissions the year has and how they are judged: any write here means starting over. */
const STRUCTURE: readonly RecordTable[] = [
  'campaigns',
  'checklist_items',
  'reviewers',
  'submissions',
  'units',
  'sectors',
];

/** Past this many changed submissions one pass over the year is cheaper than catching up. */
const CATCH_UP_LIMIT = 500;

interface Kept {
  structure: string;
  seq: number;
  results: SubmissionResult[];
  at: Map<number, number>;
}

const kept = new WeakMap<Database.Database, Map<number, Kept>>();

/**
 * The year's aggregation, kept per connection and caught up rather than worked out again: while the
 * year's submissions, units, sectors, reviewers and rubric stay as they were, a saved review, a
 * decision, a 典型做法 mark or an assignment recomputes only the submissions the change log
 * (`submission_changes`, migration 0021) names since this connection last looked. The answer is
 * shared: callers treat it as read-only, and a catch-up makes a new array rather than editing it.
 */
export function keptResults(
  orm: Orm,
  campaignId: number,
  compute: (only?: number[]) => SubmissionResult[],
): SubmissionResult[] {
  const sqlite = clientOf(orm);
  // Inside a transaction the answer may be about to change: never kept.
  if (!sqlite) return compute();
  // Read before computing: a write landing meanwhile is caught up on next time (catching up is idempotent).
  const structure = tablesToken(sqlite, STRUCTURE);
  const { seq, oldest } = sqlite
    .prepare('SELECT coalesce(max(seq), 0) AS seq, coalesce(min(seq), 0) AS oldest FROM submission_changes')
    .get() as { seq: number; oldest: number };
  let byCampaign = kept.get(sqlite);
  if (!byCampaign) kept.set(sqlite, (byCampaign = new Map()));
  const k = byCampaign.get(campaignId);
  // Rows after what this connection applied were pruned (it was idle through many writes): start over.
  const pruned = k !== undefined && k.seq + 1 < oldest;
  if (k && k.structure === structure && !pruned) {
    if (k.seq === seq) return k.results;
    const changed = sqlite
      .prepare('SELECT DISTINCT submission_id FROM submission_changes WHERE seq > ? LIMIT ?')
      .pluck()
      .all(k.seq, CATCH_UP_LIMIT + 1) as number[];
    if (changed.length <= CATCH_UP_LIMIT) {
      const mine = changed.filter((id) => k.at.has(id));
      let results = k.results;
      if (mine.length) {
        results = k.results.slice();
        for (const r of compute(mine)) results[k.at.get(r.submissionId)!] = r;
      }
      byCampaign.set(campaignId, { ...k, seq, results });
      return results;
    }
  }
  const results = compute();
  byCampaign.set(campaignId, { structure, seq, results, at: new Map(results.map((r, i) => [r.submissionId, i])) });
  return results;
}

/** The change log keeps this many rows: far more than a reader catches up on (CATCH_UP_LIMIT submissions). */
const KEEP_CHANGES = 10_000;

/**
 * Drops what every reader has had the chance to apply: all but the newest KEEP_CHANGES rows. A reader
 * further behind finds a gap (its last `seq` before the oldest row) and recomputes the year whole.
 */
export function pruneSubmissionChanges(sqlite: Database.Database): number {
  return sqlite
    .prepare('DELETE FROM submission_changes WHERE seq <= (SELECT max(seq) FROM submission_changes) - ?')
    .run(KEEP_CHANGES).changes;
}
