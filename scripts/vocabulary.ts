/**
 * One vocabulary, enforced (`npm run lint`): every label of a status, outcome, star, file kind, timing
 * or 催报 situation is kept in src-main/common; this lists those words typed again as a string literal
 * or JSX text anywhere else in src-main or the renderer, and fails when there is one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FILE_KIND } from '../src-main/common/fileKinds';
import { REMIND_SITUATION, STAR_LEVEL, SUGGESTION, YEAR_OUTCOME } from '../src-main/common/standing';
import {
  COMPLETENESS,
  INTAKE_STATUS,
  QUEUE_STATUS,
  REVIEW_STATUS,
  TIMING,
  UNIT_STATUS,
} from '../src-main/common/statuses';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every label of a status, outcome, star, file kind, timing or situation: one word per concept, kept in common/. */
export const LABELS = new Set<string>([
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
export function literalLabels(files: string[]): string[] {
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

/** The files checked: src-main and the renderer, common/ itself aside. */
export function checkedFiles(): string[] {
  return [...sources(path.join(ROOT, 'src-main')), ...sources(path.join(ROOT, 'src-renderer/src'))].filter(
    (file) => !file.includes(`${path.sep}common${path.sep}`),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const hits = literalLabels(checkedFiles());
  if (hits.length) {
    console.error(
      `These labels are typed again outside src-main/common (import them from there):\n  ${hits.join('\n  ')}`,
    );
    process.exit(1);
  }
}
