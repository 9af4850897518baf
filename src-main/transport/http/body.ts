import type http from 'node:http';

/**
 * An operation's input is a form's worth of JSON (files come through /api/upload, streamed to
 * disk): one body may be this large, and all the bodies being received at once together
 * IN_FLIGHT — six concurrent 99 MiB bodies used to leave the server at 1.2 GB.
 */
export const MAX_BODY = 16 * 1024 * 1024;
export const IN_FLIGHT = 48 * 1024 * 1024;

/** The bytes of request bodies held right now, across every request. */
export class BodyBudget {
  private held = 0;
  constructor(private readonly total: number) {}
  take(bytes: number): boolean {
    if (this.held + bytes > this.total) return false;
    this.held += bytes;
    return true;
  }
  give(bytes: number): void {
    this.held -= bytes;
  }
}

export function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

/** The media type alone, without parameters: `application/json; charset=utf-8` → `application/json`. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Over the limit, reading stops and the caller answers 413 (then closes the connection) rather than resetting it. */
const refused = (busy: boolean) => Object.assign(new Error('too large'), { status: 413, busy });

/**
 * A request's body, within its own limit and the shared budget; `release` gives its bytes back
 * once the caller is done with them (the budget is taken as they arrive, so a body that lies about
 * its length is held to it too).
 */
export async function readBody(
  req: http.IncomingMessage,
  limit: number,
  budget: BodyBudget,
): Promise<{ body: string; release: () => void }> {
  let held = 0;
  const release = () => (budget.give(held), (held = 0));
  try {
    const body = await new Promise<string>((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > limit) return reject(refused(false));
      const chunks: Buffer[] = [];
      const stop = (error: Error) => {
        req.pause();
        req.removeAllListeners('data');
        reject(error);
      };
      req.on('data', (chunk: Buffer) => {
        if (held + chunk.length > limit) return stop(refused(false));
        if (!budget.take(chunk.length)) return stop(refused(true));
        held += chunk.length;
        chunks.push(chunk);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
    return { body, release };
  } catch (error) {
    release();
    throw error;
  }
}
