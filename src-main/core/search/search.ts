import type Database from 'better-sqlite3';
import { MARK_CLOSE, MARK_OPEN, termsOf } from '../../common/search';

export interface SummaryHit {
  submissionId: number;
  unitId: number | null;
  unitName: string | null;
  campaignYear: number;
  fileName: string;
  sha256: string;
  /** About forty characters either side of the first match, the match between MARK_OPEN and MARK_CLOSE. */
  snippet: string;
}

/**
 * Current, not deleted submissions whose 工作总结 contains every word typed, best match first
 * (FTS5's bm25 rank). The index drives the query; a submission sending the same summary as another
 * is found under each. `campaignId` narrows it to one year.
 */
export function searchSummaries(sqlite: Database.Database, query: string, options: { campaignId?: number; limit: number }): { hits: SummaryHit[]; more: boolean } {
  const terms = termsOf(query);
  if (!terms.match) return { hits: [], more: false };
  const shortFilters = terms.short.map(() => 'AND instr(lower(f.text), lower(?)) > 0').join(' ');
  const rows = sqlite
    .prepare(
      `SELECT s.id AS submissionId, s.unit_id AS unitId, u.name AS unitName, c.year AS campaignYear, a.name AS fileName, a.sha256 AS sha256,
              snippet(summary_fts, 0, '${MARK_OPEN}', '${MARK_CLOSE}', '…', 28) AS snippet
       FROM summary_fts f
       JOIN summary_texts t ON t.id = f.rowid
       JOIN attachments a ON a.sha256 = t.sha256 AND a.kind = 'summary'
       JOIN submissions s ON s.id = a.submission_id AND s.is_current = 1 AND s.deleted_at IS NULL
       JOIN campaigns c ON c.id = s.campaign_id
       LEFT JOIN units u ON u.id = s.unit_id
       WHERE summary_fts MATCH ? ${shortFilters} ${options.campaignId ? 'AND s.campaign_id = ?' : ''}
       ORDER BY f.rank, s.id DESC
       LIMIT ?`,
    )
    .all(terms.match, ...terms.short, ...(options.campaignId ? [options.campaignId] : []), options.limit + 1) as SummaryHit[];
  return { hits: rows.slice(0, options.limit), more: rows.length > options.limit };
}

/** Every current submission of a campaign whose summary contains the words: what 评审's queue narrows to. */
export function submissionsMentioning(sqlite: Database.Database, query: string, campaignId: number): Set<number> {
  const terms = termsOf(query);
  if (!terms.match) return new Set();
  const shortFilters = terms.short.map(() => 'AND instr(lower(f.text), lower(?)) > 0').join(' ');
  const ids = sqlite
    .prepare(
      `SELECT DISTINCT s.id FROM summary_fts f
       JOIN summary_texts t ON t.id = f.rowid
       JOIN attachments a ON a.sha256 = t.sha256 AND a.kind = 'summary'
       JOIN submissions s ON s.id = a.submission_id AND s.is_current = 1 AND s.deleted_at IS NULL AND s.campaign_id = ?
       WHERE summary_fts MATCH ? ${shortFilters}`,
    )
    .pluck()
    .all(campaignId, terms.match, ...terms.short) as number[];
  return new Set(ids);
}

export interface IndexState {
  indexed: number;
  /** Summaries with no text to find: scans, pictures saved as PDF, damaged or locked files. */
  withoutText: number;
  waiting: number;
}

export function indexState(sqlite: Database.Database, waiting: number): IndexState {
  const row = sqlite.prepare(`SELECT count(*) FILTER (WHERE status = 'indexed') AS indexed, count(*) FILTER (WHERE status <> 'indexed') AS withoutText FROM summary_texts`).get() as { indexed: number; withoutText: number };
  return { ...row, waiting };
}
