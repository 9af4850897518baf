import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { browserOffice } from '../common/principal';
import type { Core } from '../core';
import { RENDERER_CSP } from '../transport/csp';
import { resolveStatic } from '../transport/static';
import { receiveUpload, serveArtifact, serveStoredFile } from './files';

const COOKIE = 'desk_token';
/** Whoever holds the office's token: the office, at its own page (one session, however many tabs). */
const OFFICE_PAGE = browserOffice('office-page');
/**
 * An operation's input is a form's worth of JSON (files come through /api/upload, streamed to
 * disk): one body may be this large, and all the bodies being received at once together
 * IN_FLIGHT — six concurrent 99 MiB bodies used to leave the server at 1.2 GB.
 */
const MAX_BODY = 16 * 1024 * 1024;
const IN_FLIGHT = 48 * 1024 * 1024;

/** The bytes of request bodies held right now, across every request. */
class BodyBudget {
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

export interface DeskServer {
  url: string;
  /** The URL with the token that lets a browser in. */
  entryUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Every token the request presents: the header, the address bar, and the cookies. Cookies do not
 * tell ports apart, so yesterday's server (another port, another token) may have left its cookie
 * under the same name: any one of them matching lets the request in, and the address bar's token
 * replaces a stale cookie — a new day's printed address always works.
 */
function tokensFrom(req: http.IncomingMessage, url: URL): string[] {
  const found: string[] = [];
  const header = req.headers['x-desk-token'];
  if (typeof header === 'string') found.push(header);
  const query = url.searchParams.get('token');
  if (query) found.push(query);
  for (const cookie of (req.headers.cookie ?? '').split(';').map((c) => c.trim())) {
    if (cookie.startsWith(`${COOKIE}=`)) found.push(cookie.slice(COOKIE.length + 1));
  }
  return found.slice(0, 8);
}

function sameToken(a: string | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

function send(res: http.ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(body);
}

/** The media type alone, without parameters: `application/json; charset=utf-8` → `application/json`. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Over the limit, reading stops and the caller answers 413 (then closes the connection) rather than resetting it. */
const refused = (busy: boolean) => Object.assign(new Error('too large'), { status: 413, busy });

/**
 * A request's body, within its own limit and the shared budget; `release` gives its bytes back
 * once the caller is done with them (the budget is taken as they arrive, so a body that lies about
 * its length is held to it too).
 */
async function readBody(
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

/**
 * Browser mode: the same core on 127.0.0.1 only. Every request needs the per-start token
 * (from the printed URL, then a SameSite cookie); Host and Origin must be this loopback
 * address, which also defeats DNS rebinding.
 */
export async function startDeskServer(
  core: Core,
  options: {
    rendererDir: string;
    port?: number;
    token?: string;
    maxBody?: number;
    /** The bytes of all bodies received at once (tests set it small). */
    inFlight?: number;
    uploadQuota?: number;
  },
): Promise<DeskServer> {
  const maxBody = options.maxBody ?? MAX_BODY;
  const budget = new BodyBudget(options.inFlight ?? Math.max(maxBody, IN_FLIGHT));
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const sockets = new Set<import('node:net').Socket>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://127.0.0.1');
    } catch {
      return send(res, 400, '请求地址无效');
    }
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, '拒绝访问：请通过 127.0.0.1 访问本机服务。');
    const origin = req.headers.origin;
    if (origin && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      return send(res, 403, '拒绝访问：来源不被允许。');
    if (!tokensFrom(req, url).some((presented) => sameToken(presented, token))) {
      return send(
        res,
        401,
        '<!doctype html><meta charset="utf-8"><title>需要访问令牌</title><h3>请用新的访问地址打开</h3><p>组委会工作台每次启动都会更换访问令牌，浏览器中保存的旧地址已经失效。</p><p>请到启动组委会工作台的窗口（命令行）中，复制最新打印的完整地址（以 <code>?token=</code> 结尾）粘贴到地址栏打开。端口保持不变，数据都在。</p>',
        'text/html; charset=utf-8',
      );
    }
    if (url.searchParams.has('token') && req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      // Trade the token in the address bar for a cookie, so it does not linger in history or get copied.
      res.writeHead(302, {
        'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        location: url.pathname,
      });
      res.end();
      return;
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const unsubscribe = core.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
      const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
      });
      return;
    }

    if (url.pathname === '/api/upload' && req.method === 'POST')
      return receiveUpload(core, req, res, options.uploadQuota);
    if (url.pathname.startsWith('/files/') && req.method === 'GET') return serveStoredFile(core, url, res);
    if (url.pathname.startsWith('/downloads/') && req.method === 'GET') return serveArtifact(core, url, res);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (mediaType(req.headers['content-type']) !== 'application/json') return send(res, 415, '请求格式应为 JSON');
      let input: unknown;
      let release = () => {};
      try {
        const read = await readBody(req, maxBody, budget);
        release = read.release;
        input = read.body ? JSON.parse(read.body) : undefined;
      } catch (error) {
        const status = (error as { status?: number }).status ?? 400;
        const busy = (error as { busy?: boolean }).busy === true;
        release();
        // The rest of an oversized body is not read: the connection closes after the answer.
        if (status === 413) res.setHeader('connection', 'close');
        return send(
          res,
          status,
          JSON.stringify({
            ok: false,
            error: {
              code: status === 413 ? 'too-large' : 'invalid-input',
              message:
                status !== 413
                  ? '请求内容不是有效的 JSON'
                  : busy
                    ? '程序正在接收其他请求的大量内容，请稍后再试'
                    : '提交的内容过大',
            },
          }),
          'application/json; charset=utf-8',
        );
      }
      let name: string;
      try {
        name = decodeURIComponent(url.pathname.slice(5));
      } catch {
        release();
        return send(res, 404, '未找到');
      }
      // The body's bytes count until the call is answered: its input lives as long.
      const envelope = await core.invoke(name, input, OFFICE_PAGE).finally(release);
      return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET') return send(res, 405, 'GET only');
    const target =
      resolveStatic(options.rendererDir, url.pathname) ??
      (url.pathname.includes('.') ? null : resolveStatic(options.rendererDir, '/'));
    if (!target) return send(res, 404, '未找到');
    res.writeHead(200, {
      'content-type': target.type,
      'cache-control': target.type.startsWith('text/html') ? 'no-store' : 'max-age=3600',
      'x-content-type-options': 'nosniff',
      'content-security-policy': RENDERER_CSP,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    const stream = fs.createReadStream(target.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  };
  // Whatever goes wrong inside one request is that request's 500, never the server's end.
  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (res.headersSent) res.destroy();
      else send(res, 500, '服务内部错误，请重试；如反复出现，请重启组委会工作台。');
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    entryUrl: `${base}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
