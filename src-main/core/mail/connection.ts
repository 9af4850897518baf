import type { ImapFlow } from 'imapflow';
import { version } from '../../../package.json';
import { DeskError } from '../contract/errors';
import type { MailAccount } from './accounts';
import { installLenientReplies } from './lenientReplies';

/** What an IMAP error carries besides its message (imapflow adds these). */
interface ImapError extends Error {
  code?: string;
  authenticationFailed?: boolean;
  responseText?: string;
  responseStatus?: string;
}

const TLS_CODES = /^(ERR_SSL|ERR_TLS|EPROTO|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_CERT|HOSTNAME_MISMATCH)/;

/**
 * The server's own words, for the message — never the password: imapflow's errors quote the
 * server's reply, which cannot contain it, and nothing of ours is put in.
 */
function said(error: ImapError): string {
  return (error.responseText || error.message || '').replace(/\s+/g, ' ').slice(0, 200);
}

/** Every way a mailbox can fail, as a stable code and a message that says what to do. */
export function mailError(error: unknown, account: MailAccount): DeskError {
  if (error instanceof DeskError) return error;
  const e = error as ImapError;
  const text = said(e);
  if (/unsafe login/i.test(text)) {
    return new DeskError(
      'mail-unsafe-login',
      `网易邮箱拒绝读取邮件（服务器答复：${text}）。程序已按网易要求发送客户端标识；请在网页版邮箱“设置 → POP3/SMTP/IMAP”中确认已开启 IMAP 服务，并改用新生成的授权码，稍后再试。`,
    );
  }
  if (
    e.authenticationFailed ||
    /AUTHENTICATIONFAILED|LOGIN failed|authentication failed|invalid credentials/i.test(text)
  ) {
    return new DeskError(
      'mail-auth',
      `邮箱拒绝登录（服务器答复：${text || '认证失败'}）。请检查邮箱地址；163、126、QQ、企业邮箱须填“授权码”而不是登录密码（在“设置 → 邮箱”的说明中可以看到在哪里生成）。`,
    );
  }
  if (e.code && TLS_CODES.test(e.code)) {
    // Two different mistakes: TLS spoken to a plain port (or the reverse), and a certificate that cannot be trusted.
    if (/WRONG_VERSION_NUMBER|PACKET_LENGTH|UNKNOWN_PROTOCOL|EPROTO/.test(e.code)) {
      return new DeskError(
        'mail-tls',
        `与 ${account.host}:${account.port} 的加密连接建立失败：端口与加密方式不符（${e.code}）。993 端口用“SSL/TLS”，143 端口用“STARTTLS”，请在“设置 → 邮箱”中改正后再试。`,
      );
    }
    return new DeskError(
      'mail-tls',
      `与 ${account.host} 的加密连接建立失败：服务器的证书无法验证（${e.code}）。请检查电脑的日期时间是否正确、服务器地址是否填对；单位网络若经过代理或安全网关，请联系网络管理员。`,
    );
  }
  if (
    e.code === 'ETIMEDOUT' ||
    e.code === 'ETIMEOUT' ||
    e.code === 'CONNECT_TIMEOUT' ||
    e.code === 'GREETING_TIMEOUT' ||
    e.code === 'UPGRADE_TIMEOUT' ||
    /timed? ?out/i.test(e.message)
  ) {
    return new DeskError(
      'mail-timeout',
      `邮件服务器 ${account.host} 长时间没有响应。请检查网络后再试；已收下的邮件不会丢，下次收取会从中断处继续。`,
    );
  }
  if (
    e.code === 'ECONNREFUSED' ||
    e.code === 'ENOTFOUND' ||
    e.code === 'EAI_AGAIN' ||
    e.code === 'EHOSTUNREACH' ||
    e.code === 'ENETUNREACH'
  ) {
    return new DeskError(
      'mail-unreachable',
      `连不上邮件服务器 ${account.host}:${account.port}（${e.code}）。请检查服务器地址、端口和网络。`,
    );
  }
  if (
    e.code === 'ECONNRESET' ||
    e.code === 'EPIPE' ||
    e.code === 'NoConnection' ||
    /connection (not available|closed)|socket closed|unexpected close/i.test(e.message)
  ) {
    return new DeskError(
      'mail-unreachable',
      `与邮件服务器的连接中途断开。已收下的邮件都已保存、没有半封；再点“收取”会从中断处继续。`,
    );
  }
  return new DeskError(
    'mail-unreachable',
    `读取邮箱时出错（${text || e.code || '未知错误'}）。请稍后再试；已收下的邮件不会丢。`,
  );
}

/**
 * A connection to the office's mailbox. NetEase answers SELECT with "Unsafe Login" unless the
 * client names itself with the IMAP ID command (RFC 2971): imapflow sends `clientInfo` as ID
 * right after login whenever the server supports it, which 163/126/QQ do.
 */
export async function connect(account: MailAccount, password: string): Promise<ImapFlow> {
  // Before imapflow loads: its parser takes the line decoder once, when it is first required.
  installLenientReplies();
  // Loaded on first use: the CLI and the app start without paying for it.
  const { ImapFlow: Client } = await import('imapflow');
  const client = new Client({
    host: account.host,
    port: account.port,
    secure: account.tls === 'on',
    doSTARTTLS: account.tls === 'starttls' ? true : account.tls === 'off' ? false : undefined,
    auth: { user: account.user, pass: password },
    clientInfo: { name: 'Committee Desk', version, vendor: '组委会工作台', 'support-url': 'https://localhost/' },
    logger: false,
    connectionTimeout: account.timeoutSeconds * 1000,
    greetingTimeout: account.timeoutSeconds * 1000,
    // A reply carrying a large attachment can pause between chunks longer than a greeting does.
    socketTimeout: account.timeoutSeconds * 4000,
    disableAutoIdle: true,
    emitLogs: false,
  });
  // A dropped connection is reported through the call that was waiting on it, not as a crash.
  client.on('error', () => {});
  try {
    await client.connect();
    return client;
  } catch (error) {
    client.close();
    throw mailError(error, account);
  }
}
