import { decodeReplyLine } from '../mail/lenientReplies';

/**
 * A reply line as the server wrote it. nodemailer reads the SMTP conversation as latin1 ('binary'),
 * so a Chinese server's UTF-8 or GB18030 reply arrives as one character per byte — mojibake in 催报
 * records. Such a string is turned back into its bytes and read as UTF-8, else as GB18030.
 */
export function serverWords(reply: string | undefined): string {
  if (!reply) return '';
  if (![...reply].some((c) => c.charCodeAt(0) >= 0x80) || [...reply].some((c) => c.charCodeAt(0) > 0xff)) return reply;
  return decodeReplyLine(Buffer.from(reply, 'latin1'));
}

/**
 * A send's failure in the office's words, with the server's own reply where it gave one: never a
 * raw ECONNREFUSED in front of a person. `unsure` is a message handed over whose answer never
 * came (the line dropped after DATA): it may have been delivered, so it is not sent again by itself.
 */
export function smtpFailure(
  error: unknown,
  server: { host: string; port: number },
  lastServerLine = '',
): { words: string; unsure: boolean; fatal: boolean } {
  const e = error as { code?: string; response?: string; responseCode?: number; command?: string; message?: string };
  const reply = e.response ? `服务器答复：${serverWords(e.response)}` : '';
  const at = `${server.host}:${server.port}`;
  // The message went over (DATA, or its final dot) and the line dropped before the answer.
  // nodemailer names a dropped line `CONN` whatever the stage: the conversation tells (354 = "send the message").
  const afterData =
    /^354/.test(lastServerLine) || ((e.command === 'DATA' || /^354/.test(e.response ?? '')) && !e.responseCode);
  if (afterData && ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET'].includes(e.code ?? ''))
    return {
      words: '邮件已交给发信服务器，但没有收到服务器的确认（连接中断），可能已经发出',
      unsure: true,
      fatal: true,
    };
  switch (e.code) {
    case 'EAUTH':
      return {
        words: `发信服务器拒绝登录，请检查邮箱地址和授权码${reply ? `（${reply}）` : ''}`,
        unsure: false,
        fatal: true,
      };
    case 'ECONNECTION':
    case 'ESOCKET':
      if (/ECONNREFUSED/.test(e.message ?? ''))
        return { words: `连不上发信服务器 ${at}（对方拒绝连接）：请检查服务器地址和端口`, unsure: false, fatal: true };
      if (/ENOTFOUND|EAI_AGAIN/.test(e.message ?? ''))
        return { words: `找不到发信服务器 ${at}：请检查服务器地址和网络`, unsure: false, fatal: true };
      if (/certificate|self.signed|SSL|TLS|wrong version/i.test(e.message ?? ''))
        return {
          words: `与发信服务器 ${at} 的加密连接没有建立：请检查加密方式和端口（SSL 一般为 465，STARTTLS 一般为 587）`,
          unsure: false,
          fatal: true,
        };
      return { words: `与发信服务器 ${at} 的连接中断`, unsure: false, fatal: true };
    case 'ETIMEDOUT':
      return { words: `发信服务器 ${at} 长时间没有响应`, unsure: false, fatal: true };
    case 'EENVELOPE':
      return {
        words: `收件地址被服务器拒收${reply ? `（${reply}）` : ''}：请核对该单位的邮箱`,
        unsure: false,
        fatal: false,
      };
    case 'EMESSAGE':
      return { words: `邮件被服务器拒收${reply ? `（${reply}）` : ''}`, unsure: false, fatal: false };
    default:
      return { words: `发送失败${reply ? `（${reply}）` : ''}`, unsure: false, fatal: false };
  }
}

/** Keeps the server's last line of the SMTP conversation (nodemailer's debug log), to know how far a send got. */
export function conversationTracker() {
  const state = { lastServerLine: '' };
  const note = (meta: unknown, message: unknown) => {
    if ((meta as { tnx?: string } | null)?.tnx === 'server' && typeof message === 'string')
      state.lastServerLine = message;
  };
  const quiet = () => {};
  return {
    state,
    logger: { level: quiet, trace: quiet, debug: note, info: quiet, warn: quiet, error: quiet, fatal: quiet },
  };
}
