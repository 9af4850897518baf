import iconv from 'iconv-lite';
import { makeDocx, makePng } from './zipWriter';

/**
 * An e-mail as Foxmail / Outlook on Chinese Windows writes it: GBK RFC 2047 words in the From
 * name, the subject and inside the quoted filename parameter, and one attachment name in raw GBK.
 */
export function chineseClientEml(options: {
  fromName: string;
  fromAddress: string;
  subject: string;
  date: string;
  messageId: string;
}): Buffer {
  const b64 = (s: string) => iconv.encode(s, 'gbk').toString('base64');
  const docx = makeDocx(options.subject).toString('base64').replace(/.{76}/g, '$&\r\n');
  const png = makePng(30, 20).toString('base64');
  const head = [
    `From: =?GBK?B?${b64(options.fromName)}?= <${options.fromAddress}>`,
    'To: 1ztswcsb@163.com',
    `Subject: =?GB2312?B?${b64(options.subject)}?=`,
    `Date: ${options.date}`,
    `Message-ID: ${options.messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="----=_NextPart_000"',
    '',
    '------=_NextPart_000',
    'Content-Type: text/plain; charset="gbk"',
    '',
    '',
    '------=_NextPart_000',
    `Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="=?GBK?B?${b64('工作总结.docx')}?="`,
    'Content-Transfer-Encoding: base64',
    `Content-Disposition: attachment; filename="=?GBK?B?${b64('工作总结.docx')}?="`,
    '',
    docx,
    '------=_NextPart_000',
  ].join('\r\n');
  return Buffer.concat([
    Buffer.from(head + '\r\n', 'latin1'),
    Buffer.from('Content-Type: image/png; name="', 'latin1'),
    iconv.encode('照片一.png', 'gbk'),
    Buffer.from('"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="', 'latin1'),
    iconv.encode('照片一.png', 'gbk'),
    Buffer.from(`"\r\n\r\n${png}\r\n------=_NextPart_000--\r\n`, 'latin1'),
  ]);
}
