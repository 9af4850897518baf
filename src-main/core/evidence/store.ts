import type Database from 'better-sqlite3';
import type { CoreContext } from '../app/context';
import { currentCampaign } from '../campaigns/campaigns';
import { evidenceFor, type ItemEvidence } from './rank';
import { vocabularyOf, type Vocabulary } from './vocabulary';

function kept(sqlite: Database.Database, sha256: string, vocabulary: string): ItemEvidence[] | null {
  const row = sqlite
    .prepare('SELECT items FROM summary_evidence WHERE sha256 = ? AND vocabulary = ?')
    .pluck()
    .get(sha256, vocabulary) as string | undefined;
  return row ? (JSON.parse(row) as ItemEvidence[]) : null;
}

function keep(sqlite: Database.Database, sha256: string, vocabulary: string, items: ItemEvidence[]): void {
  sqlite.transaction(() => {
    // Worked out under words since edited: no one asks for it again.
    sqlite.prepare('DELETE FROM summary_evidence WHERE sha256 = ? AND vocabulary <> ?').run(sha256, vocabulary);
    sqlite
      .prepare('INSERT OR REPLACE INTO summary_evidence (sha256, vocabulary, items, computed_at) VALUES (?, ?, ?, ?)')
      .run(sha256, vocabulary, JSON.stringify(items), new Date().toISOString());
  })();
}

/** The words full-text search took from a summary, or null when it has none (a scan, unreadable, not read yet). */
function textOf(sqlite: Database.Database, sha256: string): string | null {
  return (
    (sqlite
      .prepare(
        `SELECT f.text FROM summary_texts t JOIN summary_fts f ON f.rowid = t.id WHERE t.sha256 = ? AND t.status = 'indexed'`,
      )
      .pluck()
      .get(sha256) as string | undefined) ?? null
  );
}

/** One summary's evidence under a vocabulary: kept, or worked out from its indexed text now and kept. */
export function summaryEvidence(sqlite: Database.Database, sha256: string, vocabulary: Vocabulary) {
  const found = kept(sqlite, sha256, vocabulary.key);
  if (found) return found;
  const text = textOf(sqlite, sha256);
  if (text === null) return null;
  const items = evidenceFor(text, vocabulary.items);
  keep(sqlite, sha256, vocabulary.key, items);
  return items;
}

/**
 * Evidence for summaries just read, under the current campaign's words: the indexer calls this after
 * each batch, so 评审 finds it ready. Each summary is a few milliseconds of work; the event loop is
 * let go between them, so a reviewer's call never waits behind a batch. A summary of another year is
 * worked out when first asked.
 */
export async function keepEvidenceFor(ctx: CoreContext, sha256s: string[], signal?: AbortSignal): Promise<void> {
  const campaign = sha256s.length ? currentCampaign(ctx.db.orm) : null;
  if (!campaign) return;
  const vocabulary = vocabularyOf(campaign);
  for (const sha of sha256s) {
    // Closing: the connection is going; what is left is worked out when next asked.
    if (signal?.aborted) return;
    summaryEvidence(ctx.db.sqlite, sha, vocabulary);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
