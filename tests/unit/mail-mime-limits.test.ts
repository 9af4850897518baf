import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { localFiles, openTestCore, tempDir } from './helpers';

const CRLF = '\r\n';
const head = (extra = '') =>
  [
    'From: tw@lzyz.cn',
    'To: office@test.lan',
    'Subject: =?UTF-8?B?5p2Q5paZ?=',
    'Date: Thu, 20 Oct 2022 10:00:00 +0800',
    'MIME-Version: 1.0',
    extra,
  ]
    .filter(Boolean)
    .join(CRLF);

describe('mail over the MIME parser’s limits (#27 item 7)', () => {
  it('is refused in Chinese with what to do — never the library’s English', async () => {
    const dir = tempDir();
    const parts = Array.from({ length: 1_200 }, (_v, i) =>
      [`--b`, 'Content-Type: text/plain', '', `第 ${i} 部分`].join(CRLF),
    ).join(CRLF);
    const many = path.join(dir, '很多部分.eml');
    fs.writeFileSync(
      many,
      `${head('Content-Type: multipart/mixed; boundary="b"')}${CRLF}${CRLF}${parts}${CRLF}--b--${CRLF}`,
    );
    const longHeader = path.join(dir, '超长邮件头.eml');
    // 3 MB of header: refused from its first 2 MB, the rest never read (a 1 GB header cost 2.2 GB before).
    fs.writeFileSync(longHeader, `${head(`X-Junk: ${'a'.repeat(3 * 1024 * 1024)}`)}${CRLF}${CRLF}正文${CRLF}`);
    const t = openTestCore();
    const { sources } = await t.call('intake.import', { files: localFiles([many, longHeader]) });
    for (const source of sources) {
      expect(source, source.source).toMatchObject({ status: 'rejected', code: 'too-large' });
      expect(source.message).toContain('重新发送');
      expect(source.message).not.toMatch(/[A-Za-z]{4,}/);
    }
  });
});
