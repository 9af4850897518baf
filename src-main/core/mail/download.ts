import fs from 'node:fs';
import type { ImapFlow } from 'imapflow';

/** Up to this a message comes in one FETCH; past it, in ranges of CHUNK, each written as it arrives. */
const WHOLE = 16 * 1024 ** 2;
const CHUNK = 8 * 1024 ** 2;

/**
 * How long one read may take: the account's "no answer" time (设置 → 邮箱, 30 s by default), and a
 * second more per 64 KB asked for (an office line of 0.5 Mbit/s). The socket's own timeout only
 * counts silence, so a server trickling a byte a second would hold the fetch for ever; this bounds
 * each read whatever arrives.
 */
function deadlineFor(bytes: number, silenceMs: number): number {
  return silenceMs + Math.ceil(bytes / 65_536) * 1000;
}

/** A read the server did not finish in time: the connection is closed, and the fetch reports it. */
class StalledRead extends Error {
  readonly code = 'ETIMEOUT';
  constructor() {
    super('read timed out');
  }
}

/** One read of `bytes` from the server, given up on (the connection closed) past its deadline. */
export function readWithin<T>(client: ImapFlow, bytes: number, silenceMs: number, read: Promise<T>): Promise<T> {
  return withDeadline(client, deadlineFor(bytes, silenceMs), read);
}

async function withDeadline<T>(client: ImapFlow, ms: number, read: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new StalledRead());
      client.close();
    }, ms);
  });
  read.catch(() => {});
  try {
    return await Promise.race([read, stalled]);
  } finally {
    clearTimeout(timer);
  }
}

const vanished = () => Object.assign(new Error('message vanished from the server'), { code: 'NoConnection' });

/**
 * Writes one message's raw source to a temporary file; a cut connection leaves nothing behind.
 * A message up to WHOLE is one `UID FETCH BODY.PEEK[]` (imapflow's download() asks in 64 KB ranges
 * and was eight times slower); a larger one comes in 8 MiB ranges (`BODY.PEEK[]<start.length>`),
 * so no more than one range is ever in memory, however large the message.
 */
export async function download(
  client: ImapFlow,
  uid: number,
  size: number,
  target: string,
  silenceMs: number,
): Promise<void> {
  const fd = fs.openSync(target, 'w');
  let whole = false;
  try {
    if (size <= WHOLE) {
      const message = await withDeadline(
        client,
        deadlineFor(size, silenceMs),
        client.fetchOne(String(uid), { source: true }, { uid: true }),
      );
      if (!message || !message.source) throw vanished();
      fs.writeSync(fd, message.source);
    } else
      for (let start = 0, last = false; !last;) {
        const query = { source: { start, maxLength: CHUNK } };
        const message = await withDeadline(
          client,
          deadlineFor(CHUNK, silenceMs),
          client.fetchOne(String(uid), query, { uid: true }),
        );
        if (!message || !message.source) throw vanished();
        fs.writeSync(fd, message.source);
        start += message.source.length;
        last = message.source.length < CHUNK;
      }
    whole = true;
  } finally {
    fs.closeSync(fd);
    if (!whole) fs.rmSync(target, { force: true });
  }
}
