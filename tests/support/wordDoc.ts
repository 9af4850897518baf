import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A real Word 97 file, written by LibreOffice Writer from UTF-8 text; null where Writer is not installed. */
export function wordDoc(text: string): Buffer | null {
  if (!spawnSync('sh', ['-c', 'command -v soffice']).stdout.length) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-doc-'));
  try {
    fs.writeFileSync(path.join(dir, 'summary.txt'), text);
    spawnSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/lo-profile`, '--infilter=Text (encoded):UTF8,LF,,,', '--convert-to', 'doc:MS Word 97', '--outdir', dir, path.join(dir, 'summary.txt')], { stdio: 'ignore', timeout: 120_000 });
    const out = path.join(dir, 'summary.doc');
    return fs.existsSync(out) ? fs.readFileSync(out) : null;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
