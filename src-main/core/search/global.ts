import type Database from 'better-sqlite3';
import { toHalfWidth } from '../text/normalize';
import { MIN_PHRASE } from '../../common/search';
import { searchSummaries, type SummaryHit } from './search';

export interface GlobalResults {
  units: Array<{ id: number; name: string; sectorName: string | null; status: string }>;
  submissions: Array<{
    id: number;
    unitName: string | null;
    version: number;
    receivedAt: string;
    label: string;
    subject: string | null;
  }>;
  reviewers: Array<{ id: number; name: string; active: boolean }>;
  summaries: SummaryHit[];
  /** false: fewer than three characters, so the summaries were not searched. */
  summariesSearched: boolean;
}

const EACH = 8;

/** Every word must appear; instr over lower-cased text, as the roster's own search box does. */
function allWords(column: string, words: string[]): string {
  return words.map(() => `instr(${column}, ?) > 0`).join(' AND ');
}

/**
 * Ctrl+K: what the office might be looking for behind a few typed characters — a collective (by
 * name, alias, contact or pinyin initials, as in the roster), one of this year's submissions (by
 * its unit, mail subject, sender or file name), a reviewer, or words inside this year's summaries.
 */
export function globalSearch(sqlite: Database.Database, query: string, campaignId: number): GlobalResults {
  const words = toHalfWidth(query).toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (!words.length) return { units: [], submissions: [], reviewers: [], summaries: [], summariesSearched: false };
  const units = sqlite
    .prepare(
      `SELECT u.id, u.name, s.name AS sectorName, u.status FROM units u LEFT JOIN sectors s ON s.id = u.sector_id
       WHERE u.deleted_at IS NULL AND ${allWords('u.search_text', words)} ORDER BY length(u.name), u.id LIMIT ${EACH}`,
    )
    .all(...words) as GlobalResults['units'];
  const haystack = `(coalesce(u.search_text, '') || char(10) || lower(coalesce(s.subject, '') || char(10) || coalesce(s.sender_address, '') || char(10) || coalesce(s.sender_name, '') || char(10) || s.source_label))`;
  const submissions = sqlite
    .prepare(
      `SELECT s.id, u.name AS unitName, s.version, s.received_at AS receivedAt, s.source_label AS label, s.subject FROM submissions s LEFT JOIN units u ON u.id = s.unit_id
       WHERE s.campaign_id = ? AND s.is_current = 1 AND s.deleted_at IS NULL AND ${allWords(haystack, words)} ORDER BY s.id DESC LIMIT ${EACH}`,
    )
    .all(campaignId, ...words) as GlobalResults['submissions'];
  const reviewers = (
    sqlite
      .prepare(
        `SELECT id, name, active FROM reviewers WHERE ${allWords('lower(name)', words)} ORDER BY name LIMIT ${EACH}`,
      )
      .all(...words) as Array<{ id: number; name: string; active: number }>
  ).map((r) => ({
    ...r,
    active: r.active === 1,
  }));
  const searched = [...query.trim()].length >= MIN_PHRASE;
  const summaries = searched ? searchSummaries(sqlite, query, { campaignId, limit: EACH }).hits : [];
  return { units, submissions, reviewers, summaries, summariesSearched: searched };
}
