import { spawnSync } from 'node:child_process';

import { has } from './tools';

export const hasPython = has('python3');

export interface MailSpec {
  from: string;
  to?: string;
  subject: string;
  date: string;
  messageId: string;
  body: string;
  attachments?: Array<{ file: string; filename: string; type?: string }>;
  /** An HTML alternative of the body, as webmail sends it. */
  html?: string;
  /** Extra header lines, e.g. `Auto-Submitted: auto-replied`. */
  headers?: Record<string, string>;
}

const SCRIPT = `
import json, sys
from email.message import EmailMessage
from email import policy
spec = json.loads(sys.argv[1])
m = EmailMessage()
m['From'] = spec['from']
m['To'] = spec.get('to') or 'tuanshiwei@163.com'
m['Subject'] = spec['subject']
m['Date'] = spec['date']
m['Message-ID'] = spec['messageId']
for k, v in (spec.get('headers') or {}).items():
    m[k] = v
m.set_content(spec['body'])
if spec.get('html'):
    m.add_alternative(spec['html'], subtype='html')
for a in spec.get('attachments') or []:
    main, sub = (a.get('type') or 'application/octet-stream').split('/')
    m.add_attachment(open(a['file'], 'rb').read(), maintype=main, subtype=sub, filename=a['filename'])
sys.stdout.buffer.write(m.as_bytes(policy=policy.SMTP))
`;

/** An e-mail as Python's `email` package writes it (RFC 2047/2231 for Chinese names), not as we would. */
export function pythonMail(spec: MailSpec): Buffer {
  const run = spawnSync('python3', ['-c', SCRIPT, JSON.stringify(spec)], { maxBuffer: 1024 ** 3 });
  if (run.status !== 0) throw new Error(run.stderr.toString());
  return run.stdout;
}
