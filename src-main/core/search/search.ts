import type Database from 'better-sqlite3';
/** Trigram needs three characters to use its index; shorter words are matched within the hits. */
export const MIN_PHRASE = 3;

/** Where a snippet's match begins and ends: control characters no summary text contains. */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

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

export interface Terms {
  /** Quoted FTS5 phrases, every one required. */
  match: string | null;
  /** Words too short for the index, checked inside the text of the hits. */
  short: string[];
}

/** The words of what was typed: each a phrase to find exactly, joined by AND; quotes cannot break out. */
export function termsOf(query: string): Terms {
  // Not folded to half-width: the summaries' own ，。“” are full-width, and a phrase typed with them must match.
  const words = query.trim().split(/[\s\u3000]+/).filter(Boolean);
  const long = words.filter((w) => [...w].length >= MIN_PHRASE);
  return { match: long.length ? long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ') : null, short: words.filter((w) => [...w].length < MIN_PHRASE) };
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
