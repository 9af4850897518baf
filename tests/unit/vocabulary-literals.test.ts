import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';
import { FILE_KIND } from '../../src-main/common/fileKinds';
import { REMIND_SITUATION, STAR_LEVEL, SUGGESTION, YEAR_OUTCOME } from '../../src-main/common/standing';
import {
  COMPLETENESS,
  INTAKE_STATUS,
  QUEUE_STATUS,
  REVIEW_STATUS,
  TIMING,
  UNIT_STATUS,
} from '../../src-main/common/statuses';

const ROOT = path.resolve(__dirname, '../..');

/** Every label of a status, outcome, star, file kind, timing or situation: one word per concept, kept in common/. */
const LABELS = new Set<string>([
  ...[
    REVIEW_STATUS,
    QUEUE_STATUS,
    INTAKE_STATUS,
    COMPLETENESS,
    UNIT_STATUS,
    TIMING,
    STAR_LEVEL,
    YEAR_OUTCOME,
    SUGGESTION,
    REMIND_SITUATION,
    FILE_KIND,
  ].flatMap((table) => Object.values(table) as string[]),
  // Words a concept had before it had one: 概览's bar, its figure and the reminders named a refusal three ways.
  '被拒收',
  '被拒收（未报送）',
]);

/**
 * A line may say the same word meaning something else (the menu's 撤销 is "undo", a button's 退回 is
 * the act): it says so with `// vocabulary: <why>` at its end or on the line above.
 */
const EXCUSED = /\/\/ vocabulary: \S/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** String literals and JSX text that are exactly a label, outside common/. */
function literalLabels(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (EXCUSED.test(line) || EXCUSED.test(lines[i - 1] ?? '')) return;
      for (const m of line.matchAll(/'([^'\n]*)'|"([^"\n]*)"|>([^<>{}\n]+)</g)) {
        const text = (m[1] ?? m[2] ?? m[3] ?? '').trim();
        if (LABELS.has(text)) found.push(`${path.relative(ROOT, file)}:${i + 1} ${text}`);
      }
    });
  }
  return found;
}

describe('one vocabulary', () => {
  it('no label of a status, outcome, star, file kind, timing or situation is typed again outside src-main/common', () => {
    const files = [...sources(path.join(ROOT, 'src-main')), ...sources(path.join(ROOT, 'src-renderer/src'))].filter(
      (file) => !file.includes(`${path.sep}common${path.sep}`),
    );
    expect(files.length).toBeGreaterThan(300);
    expect(literalLabels(files)).toEqual([]);
  });

  it('finds a label typed in JSX or a string, and lets a line that says why keep it', () => {
    const file = path.join(tempDir(), 'Page.tsx');
    fs.writeFileSync(
      file,
      [
        `const a = <Tag color="red">逾期</Tag>;`,
        `const b = name ?? '待认领';`,
        `// vocabulary: the menu's 撤销 is "undo"`,
        `const c = { label: '撤销', role: 'undo' };`,
      ].join('\n'),
    );
    expect(literalLabels([file]).map((hit) => hit.split(' ')[1])).toEqual(['逾期', '待认领']);
  });
});
