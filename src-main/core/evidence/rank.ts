import { passagesOf, wordsOf } from './sentences';
import { countIn } from './counts';

/** What the aid knows of one checklist item: its words, and whether the notice asks for a count. */
export interface ItemVocabulary {
  itemId: number;
  title: string;
  guidance: string;
  kind: string;
  /** The office's 证据词 for the item (campaign editor); empty means its title and guidance only. */
  words: string[];
}

interface Passage {
  text: string;
  /** The item's words found in it, longest first (what the page marks). */
  words: string[];
}

export interface ItemEvidence {
  itemId: number;
  title: string;
  passages: Passage[];
  count: number | null;
  countText: string | null;
}

/**
 * Words every summary uses for every item: they say nothing about which item a sentence is
 * evidence of, so a title's words are taken without them.
 */
export const GENERIC = new Set(
  (
    '开展 活动 工作 青年 组织 集体 文明 文明号 积极 通过 进行 我们 全体 团员 不少 少于 形式 以及 相关 ' +
    '工作者 主题 深入 加强 做好 推进 围绕 提升 方面 实践 青春 行动 全年 一件 具体 看得见'
  ).split(' '),
);

interface Term {
  word: string;
  weight: number;
  own: boolean;
}

export const titleWords = (item: { title: string; guidance: string }) =>
  new Set(wordsOf(`${item.title} ${item.guidance}`));

/**
 * An item's terms: the office's words, and the words of its title and guidance that no other item's
 * title or guidance shares (二十大 and 精神 stand in three items' guidance: they tell none of them apart).
 */
function termsOf(item: ItemVocabulary, shared: Set<string>): Term[] {
  const terms = new Map<string, Term>();
  for (const word of item.words) if (word.trim()) terms.set(word.trim(), { word: word.trim(), weight: 2, own: true });
  for (const word of titleWords(item))
    if (!GENERIC.has(word) && !shared.has(word) && !terms.has(word)) terms.set(word, { word, weight: 1, own: false });
  return [...terms.values()];
}

function sharedTitleWords(items: ItemVocabulary[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const item of items) for (const word of titleWords(item)) (seen.has(word) ? shared : seen).add(word);
  return shared;
}

const TOP = 3;

function rankItem(terms: Term[], passages: string[]): Array<{ text: string; words: string[]; score: number }> {
  // A word found in many of this summary's sentences points at none of them in particular.
  const spread = new Map(terms.map((t) => [t.word, passages.filter((p) => p.includes(t.word)).length]));
  const scored = [];
  for (const text of passages) {
    const found = terms.filter((t) => text.includes(t.word));
    // Evidence is an office word, or two of the title's own: one common word alone is a weak match.
    if (!found.some((t) => t.own) && found.length < 2) continue;
    const score = found.reduce((sum, t) => sum + t.weight * Math.log(1 + passages.length / spread.get(t.word)!), 0);
    const words = found.map((t) => t.word).sort((a, b) => b.length - a.length);
    scored.push({ text, words, score });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, TOP);
}

/**
 * The evidence for each item in one summary's text: its best three passages, ranked by the item's
 * words (the office's 证据词 weigh double, and a word in many sentences weighs less), and for a count
 * item the number the text states. Retrieval only: it never answers or scores an item.
 */
export function evidenceFor(text: string, items: ItemVocabulary[]): ItemEvidence[] {
  const passages = passagesOf(text);
  const shared = sharedTitleWords(items);
  return items.map((item) => {
    const ranked = rankItem(termsOf(item, shared), passages);
    const counted = item.kind === 'count' ? countIn(ranked.map((r) => r.text)) : null;
    return {
      itemId: item.itemId,
      title: item.title,
      passages: ranked.map(({ text: t, words }) => ({ text: t, words })),
      count: counted?.count ?? null,
      countText: counted?.text ?? null,
    };
  });
}
