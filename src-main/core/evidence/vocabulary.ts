import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Campaign } from '../campaigns/model';
import { GENERIC, titleWords, type ItemVocabulary } from './rank';
import { WORDS_2022 } from './words2022';

interface ItemWords {
  title: string;
  guidance: string;
  evidenceWords?: string[];
}

/**
 * An item's 证据词 as kept: the office's own list; for an item given none, the 2022 list when it is
 * one of the notice's items, else the words of its title and guidance — a new item starts from them.
 */
export function wordsFor(item: ItemWords): string[] {
  const given = [...new Set((item.evidenceWords ?? []).map((w) => w.trim()).filter(Boolean))];
  if (given.length) return given;
  return WORDS_2022[item.title] ?? [...titleWords(item)].filter((w) => !GENERIC.has(w));
}

/**
 * Items written before 证据词 existed (migration 0027 left them an empty list) get their list once,
 * as a new item would; an office's own lists are never touched.
 */
export function fillMissingWords(sqlite: Database.Database): void {
  const rows = sqlite
    .prepare(`SELECT id, title, guidance FROM checklist_items WHERE evidence_words = '[]'`)
    .all() as Array<{ id: number; title: string; guidance: string }>;
  if (!rows.length) return;
  const set = sqlite.prepare('UPDATE checklist_items SET evidence_words = ? WHERE id = ?');
  sqlite.transaction(() => {
    for (const row of rows) set.run(JSON.stringify(wordsFor(row)), row.id);
  })();
}

export interface Vocabulary {
  items: ItemVocabulary[];
  /** Names this checklist's words: evidence kept under another key was worked out under other words. */
  key: string;
}

export function vocabularyOf(campaign: Campaign): Vocabulary {
  const items = campaign.items.map((item) => ({
    itemId: item.id,
    title: item.title,
    guidance: item.guidance,
    kind: item.kind,
    words: item.evidenceWords,
  }));
  const key = createHash('sha256').update(JSON.stringify(items)).digest('hex').slice(0, 16);
  return { items, key };
}
