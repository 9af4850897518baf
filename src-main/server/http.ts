import crypto from 'node:crypto';
import http from 'node:http';
import { browserOffice } from '../common/principal';
import type { Core } from '../core';
import { receiveUpload, serveArtifact, serveStoredFile } from '../transport/http/files';
import { BodyBudget, IN_FLIGHT, MAX_BODY, send } from '../transport/http/body';
import { answerCall, serveApp, streamEvents } from '../transport/http/routes';
import { listen } from '../transport/http/listener';
import { reviewDayGate } from '../transport/http/reviewDayGate';

const COOKIE = 'desk_token';
/** Whoever holds the office's token: the office, at its own page (one session, however many tabs). */
const OFFICE_PAGE = browserOffice('office-page');
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

    if (url.pathname === '/api/events' && req.method === 'GET') return streamEvents(core, req, res, () => true);
    if (url.pathname === '/api/upload' && req.method === 'POST')
      return receiveUpload(core, req, res, options.uploadQuota);
    if (url.pathname.startsWith('/files/') && req.method === 'GET') return serveStoredFile(core, url, res);
    if (url.pathname.startsWith('/downloads/') && req.method === 'GET') return serveArtifact(core, url, res);

    if (url.pathname.startsWith('/api/')) return answerCall(core, req, res, url, OFFICE_PAGE, { maxBody, budget });
    return serveApp(options.rendererDir, req, url, res);
  };
  const listener = await listen(handle, '127.0.0.1', options.port ?? 0);
  port = listener.port;
  const gate = reviewDayGate(core, { rendererDir: options.rendererDir, port, limits: { maxBody, budget } });
  const base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    entryUrl: `${base}/?token=${token}`,
    token,
    port,
    close: async () => {
      await gate.close();
      await listener.close();
    },
  };
}
