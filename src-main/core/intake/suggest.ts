import type { Executor } from '../db/open';
import { listUnits } from '../roster/units';
import { coreName, normalize } from './match';
import { getSubmission } from './submissions';

export interface UnitSuggestion {
  id: number;
  name: string;
  sectorName: string | null;
  /** 0–100: how much of the unit's name (or an alias) the submission's names share. */
  closeness: number;
}

/** Pairs of adjacent characters: Chinese names share them where they share words. */
function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < text.length; i++) out.add(text.slice(i, i + 2));
  return out;
}

/**
 * How much of `name`'s pairs appear in what the submission says (containment, not symmetric: a long subject must not
 * dilute it).
 */
function shared(name: Set<string>, evidence: Set<string>): number {
  if (!name.size) return 0;
  let hit = 0;
  for (const pair of name) if (evidence.has(pair)) hit++;
  return hit / name.size;
}

/**
 * The units a person claiming this submission most likely means, nearest first: the names it
 * came under (archive, folders inside it, subject, sender) against each unit's name and aliases.
 * `search` (name, alias, contact or pinyin initials, as in the roster) narrows the list first.
 */
export function suggestUnits(
  orm: Executor,
  submissionId: number,
  search: string | undefined,
  limit: number,
): UnitSuggestion[] {
  const submission = getSubmission(orm, submissionId);
  const said = [
    submission.sourceLabel,
    submission.subject,
    submission.senderName,
    ...submission.files.map((f) => f.pathInSource),
  ].filter((s): s is string => !!s);
  const evidence = bigrams(normalize(said.join('|')));
  const scored = listUnits(orm, { search }).map((u) => {
    const best = Math.max(
      ...[u.name, ...u.aliases].map((n) =>
        Math.max(shared(bigrams(coreName(n)), evidence), shared(bigrams(normalize(n)), evidence)),
      ),
    );
    return { id: u.id, name: u.name, sectorName: u.sectorName, closeness: Math.round(best * 100) };
  });
  // Nearest first; among equals, the roster's own order (sector, then name) stays.
  return scored
    .map((s, order) => ({ s, order }))
    .sort((a, b) => b.s.closeness - a.s.closeness || a.order - b.order)
    .slice(0, limit)
    .map(({ s }) => s);
}
