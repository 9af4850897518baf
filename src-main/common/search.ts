/** Trigram needs three characters to use its index; shorter words are matched within the hits. */
export const MIN_PHRASE = 3;

/** Where a snippet's match begins and ends: control characters no summary text contains. */
export const MARK_OPEN = '\u0002';
export const MARK_CLOSE = '\u0003';

export interface Terms {
  /** Quoted FTS5 phrases, every one required. */
  match: string | null;
  /** Words too short for the index, checked inside the text of the hits. */
  short: string[];
}

/** What was typed, as words (spaces, full-width ones too, separate them). */
export function wordsOf(query: string): string[] {
  // Not folded to half-width: the summaries' own ，。“” are full-width, and a phrase typed with them must match.
  return query
    .trim()
    .split(/[\s\u3000]+/)
    .filter(Boolean);
}

/** The words of what was typed: each a phrase to find exactly, joined by AND; quotes cannot break out. */
export function termsOf(query: string): Terms {
  const words = wordsOf(query);
  const long = words.filter((w) => [...w].length >= MIN_PHRASE);
  return {
    match: long.length ? long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ') : null,
    short: words.filter((w) => [...w].length < MIN_PHRASE),
  };
}

/** A snippet as runs of plain and matched text, for a page to draw or a terminal to bracket. */
export function snippetParts(snippet: string): Array<{ text: string; match: boolean }> {
  const parts: Array<{ text: string; match: boolean }> = [];
  for (const piece of snippet.split(MARK_OPEN)) {
    const [matched, rest] = piece.includes(MARK_CLOSE) ? piece.split(MARK_CLOSE, 2) : [null, piece];
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}
