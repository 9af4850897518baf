import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';

/**
 * QQ's and some 企业邮箱 servers write their replies ("NO 密码错误…", folder and file names in
 * BODYSTRUCTURE) in GBK. imapflow turns every reply line into a string as UTF-8, which replaces
 * each GBK byte with U+FFFD before we ever see it: the server's reason for refusing a login would
 * reach the clerk as "NO ��������". A line that is not valid UTF-8 is read as GB18030 (a superset
 * of GBK) instead; a valid UTF-8 line — every line of a conforming server — is read as before.
 */
const gb18030 = new TextDecoder('gb18030');

export function decodeReplyLine(input: unknown): string {
  if (!Buffer.isBuffer(input)) return String(input ?? '');
  return isUtf8(input) ? input.toString('utf8') : gb18030.decode(input);
}

interface ParserModule {
  ParserInstance: new (input: unknown, options?: unknown) => object;
}

let installed = false;

/**
 * imapflow decodes the line in ParserInstance's constructor (lib/handler/parser-instance.js).
 * Its parser takes that class from the module's exports when it is first loaded, so replacing the
 * export with a subclass that hands it an already decoded string — before imapflow is loaded — is
 * the one place to change. Literals (message bodies) are Buffers passed beside the line and are
 * not touched. Checked by tests/unit/mail-server-replies.test.ts against a server that answers in GBK.
 */
export function installLenientReplies(): void {
  if (installed) return;
  installed = true;
  const requirePackage = createRequire(import.meta.url);
  const parser = requirePackage('imapflow/lib/handler/parser-instance') as ParserModule;
  const Original = parser.ParserInstance;
  parser.ParserInstance = class extends Original {
    constructor(input: unknown, options?: unknown) {
      super(decodeReplyLine(input), options);
    }
  };
}
