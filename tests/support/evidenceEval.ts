import type { ItemEvidence } from '../../src-main/core/evidence/rank';
import { EVIDENCE_SET, ITEM_KEYS, type EvalSummary, type ItemKey } from './evidenceSet';

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** A passage shows a labelled sentence when one holds the other (a passage may be a piece of a long sentence). */
function shows(passage: string, sentence: string): boolean {
  const p = squeeze(passage);
  const s = squeeze(sentence).replace(/[。！？；]$/, '');
  return p.includes(s) || (p.length >= 12 && s.includes(p));
}

export interface EvalResult {
  /** Labelled items whose sentence is among the item's three passages. */
  found: number;
  labelled: number;
  countsRight: number;
  counted: number;
  misses: string[];
}

/** recall@3 and the study count of one summary against its labels. */
export function judge(summary: EvalSummary, items: ItemEvidence[]): EvalResult {
  const result: EvalResult = { found: 0, labelled: 0, countsRight: 0, counted: 1, misses: [] };
  const sentences = summary.lines.flat();
  for (const key of Object.keys(ITEM_KEYS) as ItemKey[]) {
    const labelled = sentences.filter(([label]) => label === key).map(([, text]) => text);
    if (!labelled.length) continue;
    result.labelled++;
    const item = items.find((i) => i.title === ITEM_KEYS[key]);
    if (item?.passages.some((p) => labelled.some((s) => shows(p.text, s)))) result.found++;
    else result.misses.push(`${summary.file} ${key}: ${item?.passages.map((p) => p.text.slice(0, 24)).join(' | ')}`);
  }
  const study = items.find((i) => i.title === ITEM_KEYS.学习);
  if (study?.count === summary.studyCount) result.countsRight++;
  else result.misses.push(`${summary.file} 次数: ${study?.count} ≠ ${summary.studyCount}`);
  return result;
}

/** The whole set: each summary's evidence from `evidenceOf`, judged and summed. */
export async function evaluateSet(evidenceOf: (summary: EvalSummary) => Promise<ItemEvidence[]>) {
  const total: EvalResult = { found: 0, labelled: 0, countsRight: 0, counted: 0, misses: [] };
  for (const summary of EVIDENCE_SET) {
    const r = judge(summary, await evidenceOf(summary));
    total.found += r.found;
    total.labelled += r.labelled;
    total.countsRight += r.countsRight;
    total.counted += r.counted;
    total.misses.push(...r.misses);
  }
  return { ...total, recall: total.found / total.labelled };
}

/** A summary's text as its lines: what the .docx holds. */
export const textOf = (summary: EvalSummary) => summary.lines.map((l) => l.map(([, t]) => t).join('')).join('\n');
