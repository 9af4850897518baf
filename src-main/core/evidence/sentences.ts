/** A passage is at most this long: a sentence, or a piece of a run-on one cut at a comma. */
const PASSAGE_MAX = 200;

/** Ends of a sentence as offices write them, and line breaks (a heading, a list item). */
const SENTENCE_END = /[。！？!?；;\n]+/;

function cut(sentence: string): string[] {
  if (sentence.length <= PASSAGE_MAX) return [sentence];
  // A run-on sentence (a whole paragraph joined by commas) is cut at the last comma that fits.
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > PASSAGE_MAX) {
    const window = rest.slice(0, PASSAGE_MAX);
    const at = Math.max(window.lastIndexOf('，'), window.lastIndexOf(','), window.lastIndexOf('、'));
    const end = at > PASSAGE_MAX / 3 ? at + 1 : PASSAGE_MAX;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  if (rest.trim()) pieces.push(rest);
  return pieces;
}

/**
 * A summary's text as passages: its sentences, each ≤ PASSAGE_MAX characters, trimmed, without
 * the blanks and headings too short to be evidence of anything.
 */
export function passagesOf(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .flatMap(cut)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= 6);
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

/** Words of at least two characters in a phrase (an item's title, its guidance), as the segmenter finds them. */
export function wordsOf(phrase: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(phrase)) if (s.isWordLike && s.segment.length >= 2) out.push(s.segment);
  return out;
}
