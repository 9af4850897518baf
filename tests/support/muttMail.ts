import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { has } from './tools';

export const hasMutt = has('mutt');

/**
 * An e-mail as Debian's mutt writes it in batch mode (its own MIME, RFC 2047 and 2231 encoding, not
 * ours nor Python's): sent to /bin/true and kept through `record`, then taken out of that mbox.
 */
export function muttMail(spec: {
  fromName: string;
  from: string;
  subject: string;
  body: string;
  attachments: string[];
}): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-mutt-'));
  try {
    const record = path.join(dir, 'sent.mbox');
    const settings = [
      `set record="${record}"`,
      'set copy=yes',
      'set sendmail=/bin/true',
      `set from="${spec.fromName} <${spec.from}>"`,
      'set use_from=yes',
      'set charset=utf-8',
      'set send_charset=utf-8',
      'set rfc2047_parameters=yes',
    ];
    const run = spawnSync(
      'mutt',
      [
        '-n',
        '-F',
        '/dev/null',
        ...settings.flatMap((s) => ['-e', s]),
        '-s',
        spec.subject,
        '-a',
        ...spec.attachments,
        '--',
        'office@test.lan',
      ],
      { input: spec.body, env: { ...process.env, HOME: dir, TMPDIR: dir }, timeout: 20_000 },
    );
    if (run.status !== 0) throw new Error(`mutt failed: ${run.stderr.toString()}`);
    const mbox = fs.readFileSync(record).toString('latin1');
    // One message: drop the mbox separator line and the headers mutt adds only to its folder copy.
    const message = mbox.replace(/^From .*\n/, '').replace(/^(Status|Content-Length|Lines): .*\n/gm, '');
    return Buffer.from(message.replace(/\r?\n/g, '\r\n'), 'latin1');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
