import type Database from 'better-sqlite3';
import { MARK_CLOSE, MARK_OPEN, termsOf, wordsOf, type Terms } from '../../common/search';

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

const AROUND = 40;

/**
 * About forty characters either side of the first word found, every word marked. Made here rather
 * than by FTS5's snippet(), which tokenizes the whole summary again for each hit (most of the cost
 * of a search at 25,000 summaries); the index has already said the words are there.
 */
function snippetOf(text: string, words: string[]): string {
  const lower = text.toLowerCase();
  const needles = [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length);
  const first = Math.min(...needles.map((n) => lower.indexOf(n)).filter((i) => i >= 0), text.length);
  const start = Math.max(0, first - AROUND);
  const end = Math.min(text.length, first + AROUND * 2);
  const window = lower.slice(start, end);
  let out = '';
  for (let i = 0; i < window.length;) {
    const hit = needles.find((n) => window.startsWith(n, i));
    if (hit) {
      out += MARK_OPEN + text.slice(start + i, start + i + hit.length) + MARK_CLOSE;
      i += hit.length;
    } else out += text[start + i++];
  }
  return (start > 0 ? '…' : '') + out.replace(/\s+/g, ' ') + (end < text.length ? '…' : '');
}

/**
 * Current, not deleted submissions' summaries that contain every word: the FROM and WHERE both
 * searches share, and their parameters. CROSS JOIN keeps the index driving the query in its own
 * rowid order, so a LIMIT stops it however common the words (left to itself the planner walked every
 * submission and asked the index about each: 8 s on 25,000).
 */
function hitsMatching(
  terms: Terms & { match: string },
  campaignId?: number,
): { from: string; params: Array<string | number> } {
  const from = `FROM summary_fts f
       CROSS JOIN summary_texts t ON t.id = f.rowid
       CROSS JOIN attachments a ON a.sha256 = t.sha256 AND a.kind = 'summary'
       CROSS JOIN submissions s ON s.id = a.submission_id AND s.is_current = 1 AND s.deleted_at IS NULL
       WHERE summary_fts MATCH ? ${terms.short.map(() => 'AND instr(lower(f.text), lower(?)) > 0').join(' ')} ${campaignId ? 'AND s.campaign_id = ?' : ''}`;
  return { from, params: [terms.match, ...terms.short, ...(campaignId ? [campaignId] : [])] };
}

/**
 * The summaries with every word typed, those read last first (this year's before earlier ones), a
 * page at a time. A submission sending the same summary as another is found under each.
 * `campaignId` narrows it to one year.
 */
export function searchSummaries(
  sqlite: Database.Database,
  query: string,
  options: { campaignId?: number; limit: number },
): { hits: SummaryHit[]; more: boolean } {
  // No summary holds a NUL (extraction drops control characters), and SQLite's full-text query
  // cannot take one: such a search simply finds nothing.
  if (query.includes('\u0000')) return { hits: [], more: false };
  const terms = termsOf(query);
  if (!terms.match) return { hits: [], more: false };
  const { from, params } = hitsMatching({ ...terms, match: terms.match }, options.campaignId);
  // The unit and the year are looked up for the page only, after the LIMIT.
  const rows = sqlite
    .prepare(
      `SELECT h.*, u.name AS unitName, c.year AS campaignYear FROM (
         SELECT s.id AS submissionId, s.unit_id AS unitId, s.campaign_id AS campaignId, a.name AS fileName, a.sha256 AS sha256, f.text AS text
         ${from} ORDER BY f.rowid DESC LIMIT ?) h
       JOIN campaigns c ON c.id = h.campaignId LEFT JOIN units u ON u.id = h.unitId`,
    )
    .all(...params, options.limit + 1) as Array<Omit<SummaryHit, 'snippet'> & { campaignId?: number; text: string }>;
  const words = wordsOf(query);
  const hits = rows
    .slice(0, options.limit)
    .map(({ text, campaignId: _c, ...hit }) => ({ ...hit, snippet: snippetOf(text, words) }));
  return { hits, more: rows.length > options.limit };
}

/** Every current submission of a campaign whose summary contains the words: what 评审's queue narrows to. */
export function submissionsMentioning(sqlite: Database.Database, query: string, campaignId: number): Set<number> {
  const terms = termsOf(query);
  if (!terms.match) return new Set();
  const { from, params } = hitsMatching({ ...terms, match: terms.match }, campaignId);
  return new Set(
    sqlite
      .prepare(`SELECT DISTINCT s.id ${from}`)
      .pluck()
      .all(...params) as number[],
  );
}

export interface IndexState {
  indexed: number;
  /** Summaries with no text to find: scans, pictures saved as PDF, damaged or locked files. */
  withoutText: number;
  waiting: number;
}

export function indexState(sqlite: Database.Database, waiting: number): IndexState {
  const row = sqlite
    .prepare(
      `SELECT count(*) FILTER (WHERE status = 'indexed') AS indexed, count(*) FILTER (WHERE status <> 'indexed') AS withoutText FROM summary_texts`,
    )
    .get() as { indexed: number; withoutText: number };
  return { ...row, waiting };
}
