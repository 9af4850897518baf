import crypto from 'node:crypto';
import fs from 'node:fs';
import { makeDocx, makePng } from './zipWriter';

const CRLF = '\r\n';

/**
 * A unit's mail with a summary, three photos and a video of `videoBytes` random bytes, written to
 * `file` as it is made (base64 lines of 76), so a message of hundreds of MB never sits in the
 * test's memory. Returns the video's SHA-256, to find it stored byte for byte.
 */
export function writeLargeMail(
  file: string,
  spec: { from: string; subject: string; messageId: string; videoBytes: number },
): string {
  const fd = fs.openSync(file, 'w');
  const write = (text: string) => fs.writeSync(fd, text);
  const base64 = (data: Buffer) => data.toString('base64').replace(/.{76}/g, `$&${CRLF}`);
  const part = (name: string, type: string) =>
    [
      '--B',
      `Content-Type: ${type}; name="=?UTF-8?B?${Buffer.from(name).toString('base64')}?="`,
      'Content-Transfer-Encoding: base64',
      `Content-Disposition: attachment; filename="=?UTF-8?B?${Buffer.from(name).toString('base64')}?="`,
      '',
      '',
    ].join(CRLF);
  try {
    write(
      [
        `From: ${spec.from}`,
        'To: office@test.lan',
        `Subject: =?UTF-8?B?${Buffer.from(spec.subject).toString('base64')}?=`,
        'Date: Thu, 20 Oct 2022 10:00:00 +0800',
        `Message-ID: ${spec.messageId}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="B"',
        '',
        '--B',
        'Content-Type: text/plain; charset=utf-8',
        '',
        '材料见附件，活动视频较大。',
        '',
      ].join(CRLF),
    );
    write(part('工作总结.docx', 'application/octet-stream') + base64(makeDocx(spec.subject)) + CRLF);
    for (const i of [1, 2, 3]) write(part(`活动照片${i}.png`, 'image/png') + base64(makePng(320 + i, 240)) + CRLF);
    write(part('活动视频.mp4', 'video/mp4'));
    const hash = crypto.createHash('sha256');
    // 3 MiB at a time: a multiple of 3 bytes and of 57 (one 76-character line), so lines never break across chunks.
    const chunk = 57 * 3 * 18_396;
    for (let left = spec.videoBytes; left > 0; left -= chunk) {
      const data = crypto.randomBytes(Math.min(chunk, left));
      hash.update(data);
      const lines = base64(data);
      write(lines.endsWith(CRLF) ? lines : lines + CRLF);
    }
    write(`--B--${CRLF}`);
    return hash.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}
