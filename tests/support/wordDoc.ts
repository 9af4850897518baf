import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { has, toolsRequired } from './tools';

const FILTERS = {
  doc: 'doc:MS Word 97',
  docx: 'docx:MS Word 2007 XML',
  odt: 'odt:writer8',
  pdf: 'pdf:writer_pdf_Export',
} as const;

/**
 * A real document, written by LibreOffice Writer from UTF-8 text or HTML (a .docx in LibreOffice's
 * own part order, `[Content_Types].xml` last); null where Writer is not installed (a failure under
 * DESK_REQUIRE_TOOLS=1), and an error where it is installed but the conversion fails.
 */
export function writerDocument(
  content: string,
  format: keyof typeof FILTERS,
  from: 'text' | 'html' = 'text',
): Buffer | null {
  if (!has('soffice')) {
    if (toolsRequired()) throw new Error('DESK_REQUIRE_TOOLS=1 but LibreOffice Writer is missing');
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-doc-'));
  try {
    const input = path.join(dir, from === 'html' ? 'summary.html' : 'summary.txt');
    fs.writeFileSync(input, content);
    // HTML is opened as a Writer document (not Writer/Web, whose .odt says text-web in its mimetype).
    const filter =
      from === 'html'
        ? format === 'odt'
          ? ['--infilter=HTML (StarWriter)']
          : []
        : ['--infilter=Text (encoded):UTF8,LF,,,'];
    spawnSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/lo-profile`,
        ...filter,
        '--convert-to',
        FILTERS[format],
        '--outdir',
        dir,
        input,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const out = path.join(dir, `summary.${format}`);
    if (fs.existsSync(out)) return fs.readFileSync(out);
    // Writer is here but did not write the file (a crash, a timeout): a failure, never a quiet skip.
    throw new Error(`LibreOffice Writer did not convert ${path.basename(input)} to .${format}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A real Word 97 file, written by LibreOffice Writer; null where Writer is not installed. */
export function wordDoc(text: string): Buffer | null {
  return writerDocument(text, 'doc');
}
