/**
 * Saves the evaluation set (tests/support/evidenceSet.ts) as .docx through LibreOffice, into
 * tests/fixtures/evidence/: the files a collective's office would send, written by the program they
 * use rather than by this app's own writer. Run again after editing the set: `npx tsx scripts/makeEvidenceSet.ts`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EVIDENCE_SET } from '../tests/support/evidenceSet';

const out = path.resolve(import.meta.dirname, '../tests/fixtures/evidence');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'evidence-set-'));
fs.mkdirSync(out, { recursive: true });
for (const summary of EVIDENCE_SET) {
  const txt = path.join(work, summary.file.replace(/\.docx$/, '.txt'));
  fs.writeFileSync(txt, summary.lines.map((line) => line.map(([, text]) => text).join('')).join('\n') + '\n');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${work}/profile`,
      '--headless',
      '--infilter=Text (encoded):UTF8,LF,,,',
      '--convert-to',
      'docx:MS Word 2007 XML',
      '--outdir',
      out,
      txt,
    ],
    { stdio: 'inherit' },
  );
}
fs.rmSync(work, { recursive: true, force: true });
