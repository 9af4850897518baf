import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './build';

/**
 * The programs and files some tests need. A test asks `needs(...)` in its skip condition: where a
 * tool is missing it skips, except under DESK_REQUIRE_TOOLS=1 (CI), where a missing tool fails the
 * file at once with the tool's name and the Debian package that brings it — CI never goes green by
 * not running.
 */
export type Tool = 'fixtures' | 'soffice' | 'poppler' | 'dovecot' | 'python3' | 'aiosmtpd' | '7zz' | 'mutt';

const onPath = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).stdout.length > 0;

/** The shared fixtures: DESK_FIXTURES, beside the checkout (../shared), or the workplace's own copy. */
export const FIXTURES =
  [process.env.DESK_FIXTURES, path.resolve(root, '../shared/fixtures'), '/work/shared/fixtures'].find(
    (dir): dir is string => !!dir && fs.existsSync(path.join(dir, 'MANIFEST.tsv')),
  ) ?? '';

export const DOVECOT = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => fs.existsSync(p)) ?? null;

/** Debian's own python3 runs aiosmtpd (a pyenv python3 earlier on PATH does not have it). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

const PROBES: Record<Tool, { present: () => boolean; what: string }> = {
  fixtures: { present: () => FIXTURES !== '', what: 'the shared fixtures (../shared/fixtures, or set DESK_FIXTURES)' },
  soffice: {
    present: () => onPath('soffice') && fs.existsSync('/usr/lib/libreoffice/program/libswlo.so'),
    what: 'LibreOffice Writer and Calc (apt: libreoffice-writer-nogui libreoffice-calc-nogui)',
  },
  poppler: {
    present: () => onPath('pdftotext') && onPath('pdffonts') && onPath('pdftoppm'),
    what: 'poppler-utils (apt: poppler-utils)',
  },
  dovecot: { present: () => DOVECOT !== null, what: 'Dovecot (apt: dovecot-imapd)' },
  python3: { present: () => onPath('python3'), what: 'python3' },
  aiosmtpd: {
    present: () => fs.existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', 'import aiosmtpd']).status === 0,
    what: 'aiosmtpd (apt: python3-aiosmtpd)',
  },
  '7zz': { present: () => onPath('7zz'), what: '7-Zip (apt: 7zip)' },
  mutt: { present: () => onPath('mutt'), what: 'mutt (apt: mutt)' },
};

const seen = new Map<Tool, boolean>();

/** Whether a tool is here (probed once per test file). */
export function has(tool: Tool): boolean {
  let present = seen.get(tool);
  if (present === undefined) {
    present = PROBES[tool].present();
    seen.set(tool, present);
  }
  return present;
}

export const toolsRequired = (): boolean => process.env.DESK_REQUIRE_TOOLS === '1';

/** True where a test needing these tools can run; throws under DESK_REQUIRE_TOOLS=1 when one is missing. */
export function needs(...tools: Tool[]): boolean {
  const missing = tools.filter((tool) => !has(tool));
  if (missing.length && toolsRequired()) {
    throw new Error(`DESK_REQUIRE_TOOLS=1 but missing: ${missing.map((tool) => PROBES[tool].what).join('; ')}`);
  }
  return missing.length === 0;
}
