const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 六 → 6, 十二 → 12, 二十 → 20, 二十三 → 23, 一百零五 → 105; Arabic digits as they are. */
export function numberOf(numeral: string): number | null {
  if (/^\d+$/.test(numeral)) return Number(numeral);
  let total = 0;
  let digit = 0;
  for (const ch of numeral) {
    const unit = ch === '十' ? 10 : ch === '百' ? 100 : 0;
    if (ch in DIGITS) digit = DIGITS[ch]!;
    else if (!unit) return null;
    else {
      total += (digit || 1) * unit;
      digit = 0;
    }
  }
  return total + digit;
}

/*
 * A number and the measure words the notice's counts are written in (期/次/场/讲/篇), possibly with
 * 余/多 between ("20余次"). Not an ordinal (第六期), and not the same characters in other words:
 * 期间, 次日, 场所, 讲话, 篇章 …
 */
const COUNT =
  /(?<!第)(\d{1,3}|[零〇一二两三四五六七八九十百]{1,4})\s*(?:余|多)?\s*(?:(期)(?![间末望待限中刊])|(次)(?![日年月性要])|(场)(?![所地景馆合面])|(讲)(?![话解座述授台堂究])|(篇)(?![章幅]))/g;

/** Words that say a number is the year's total rather than one event's part of it. */
const TOTAL = /共|累计|全年|先后|总计|合计|一年来|年内/;

export interface CountFound {
  count: number;
  /** The passage it came from, for the reviewer to read before accepting it. */
  text: string;
}

function countsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(COUNT)) {
    const n = numberOf(m[1]!);
    if (n !== null && n > 0 && n < 1000) out.push(n);
  }
  return out;
}

/**
 * The count a summary states for an item, from its ranked passages: the first that says it is a
 * total (共开课七期, 累计开展 9 次), else the first passage with a count at all, its largest number.
 * A suggestion for the reviewer, who accepts it or not.
 */
export function countIn(passages: string[]): CountFound | null {
  const withCounts = passages.map((text) => ({ text, counts: countsIn(text) })).filter((p) => p.counts.length);
  const best = withCounts.find((p) => TOTAL.test(p.text)) ?? withCounts[0];
  return best ? { count: Math.max(...best.counts), text: best.text } : null;
}
