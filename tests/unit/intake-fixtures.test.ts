import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from '../support/sharedFixtures';
import { openTestCore, localFiles } from './helpers';
import { needs } from '../support/tools';

const DOCUMENTED = new Set([
  'unsafe-path',
  'encrypted',
  'corrupt',
  'unsupported-format',
  'zip-bomb',
  'too-large',
  'empty',
]);

interface Row {
  file: string;
  outcome: string;
  names: string[];
}

function manifest(): Row[] {
  if (!FIXTURES) return [];
  return fs
    .readFileSync(path.join(FIXTURES, 'MANIFEST.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .map(([file, outcome, names]) => ({
      file: file!,
      outcome: outcome!,
      names: names ? names.split(';').filter(Boolean) : [],
    }));
}

interface Report {
  source: string;
  status: string;
  code?: string;
  message?: string;
  files?: Array<{ name: string }>;
}

/** Everything under files/ is named by hash: nothing from an archive ever became a path. */
function storeIsClean(dataDir: string): void {
  const root = path.join(dataDir, 'files');
  for (const dir of fs.readdirSync(root)) {
    if (dir === '.tmp') {
      expect(fs.readdirSync(path.join(root, dir))).toEqual([]);
      continue;
    }
    expect(dir).toMatch(/^[0-9a-f]{2}$/);
    for (const name of fs.readdirSync(path.join(root, dir))) expect(name).toMatch(/^[0-9a-f]{64}$/);
  }
}

/**
 * Words a clerk may meet in a message: format and program names. Anything else in Latin letters is a library talking.
 */
const NAMES =
  /^(ZIP|RAR|RAR5|RAR4|7z|Zip|CRC|WinRAR|NanaZip|ZS|Zstandard|Brotli|LZ4|LZ5|Lizard|WPS|Word|Office|Excel|PDF|eml|docx|xlsx|odt|doc|jpg|png|exe|GB)$/i;

function englishIn(message: string, file: string): string[] {
  const words =
    message
      .replace(/“[^”]*”/g, '')
      .replace(path.basename(file), '')
      .replace(/\.part\d+\.rar/g, '')
      .match(/[A-Za-z][A-Za-z-]{2,}/g) ?? [];
  return words.filter((w) => !NAMES.test(w) && !w.startsWith('7-Zip'));
}

describe.skipIf(!needs('fixtures'))('real-world intake fixtures (../shared/fixtures)', () => {
  for (const row of manifest()) {
    it(`${row.file} → ${row.outcome}${row.names.length ? ` with ${row.names.join('、')}` : ''}`, async () => {
      const { call, dataDir } = openTestCore();
      const result = await call('intake.import', { files: localFiles([path.join(FIXTURES, row.file)]) });
      expect(result.sources).toHaveLength(1);
      const report = result.sources[0] as Report;
      const stored = (report.files ?? []).map((f) => f.name);
      if (row.outcome === 'accepted') {
        expect(['imported', 'unmatched'], `${report.code}: ${JSON.stringify(report)}`).toContain(report.status);
        for (const name of row.names) expect(stored).toContain(name);
      } else if (row.outcome.startsWith('rejected:')) {
        expect(report.status).toBe('rejected');
        expect(row.outcome.slice('rejected:'.length).split('|')).toContain(report.code);
        expect(englishIn(report.message ?? '', row.file), report.message).toEqual([]);
      } else if (row.outcome === 'optional') {
        if (report.status === 'rejected') expect(report.code).toBe('unsupported-format');
      } else {
        expect(row.outcome).toBe('any-clean');
        if (report.status === 'rejected') expect(DOCUMENTED).toContain(report.code);
      }
      storeIsClean(dataDir);
    }, 60_000);
  }
});
