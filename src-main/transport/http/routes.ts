import fs from 'node:fs';
import type http from 'node:http';
import type { Principal } from '../../common/principal';
import type { Core, DeskEvent } from '../../core';
import { RENDERER_CSP } from '../csp';
import { resolveStatic } from '../static';
import { mediaType, readBody, send, type BodyBudget } from './body';

/** What every browser-mode listener answers the same way, for whichever principal the listener built. */

/** GET /api/events: the core's events as server-sent events, those `shown` lets through. */
export function streamEvents(
  core: Core,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  shown: (event: DeskEvent) => boolean,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  const unsubscribe = core.subscribe((event) => shown(event) && res.write(`data: ${JSON.stringify(event)}\n\n`));
  const heartbeat = setInterval(() => res.write(': ping\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

/** POST /api/<operation>: one call, as `principal`, its JSON body held to the limits. */
export async function answerCall(
  core: Core,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  principal: Principal,
  limits: { maxBody: number; budget: BodyBudget },
): Promise<void> {
  if (req.method !== 'POST') return send(res, 405, 'POST only');
  if (mediaType(req.headers['content-type']) !== 'application/json') return send(res, 415, '请求格式应为 JSON');
  let input: unknown;
  let release = () => {};
  try {
    const read = await readBody(req, limits.maxBody, limits.budget);
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
  const envelope = await core.invoke(name, input, principal).finally(release);
  return send(res, 200, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

/** GET of the app itself: the built renderer, with its CSP. */
export function serveApp(rendererDir: string, req: http.IncomingMessage, url: URL, res: http.ServerResponse): void {
  if (req.method !== 'GET') return send(res, 405, 'GET only');
  const target =
    resolveStatic(rendererDir, url.pathname) ?? (url.pathname.includes('.') ? null : resolveStatic(rendererDir, '/'));
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
}
