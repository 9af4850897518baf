import type http from 'node:http';
import { browserOffice, browserReviewer, visitorAt } from '../../common/principal';
import type { Core } from '../../core';
import type { OpOutput } from '../../core/operations';
import { BodyBudget, IN_FLIGHT, MAX_BODY, readBody, send } from './body';
import { serveStoredFile } from './files';
import { listen, type Listener } from './listener';
import { answerCall, serveApp, streamEvents } from './routes';
import { signInPage, SIGN_IN_CSP } from './signInPage';

const COOKIE = 'desk_reviewer';
/** The server itself, asking core about the day it serves: the office's own standing. */
const SERVER = browserOffice('server');

function cookieOf(req: http.IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';').map((c) => c.trim()))
    if (part.startsWith(`${COOKIE}=`)) return part.slice(COOKIE.length + 1);
  return null;
}

function page(res: http.ServerResponse, status: number, problem: string | null): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': SIGN_IN_CSP,
    'x-content-type-options': 'nosniff',
    // Not no-referrer: under it the form's POST carries `Origin: null`, which the Origin check refuses.
    'referrer-policy': 'same-origin',
  });
  res.end(signInPage(problem));
}

/**
 * 集中评审 in browser mode: while core says a review day is on, a second listener answers on the
 * day's address (nothing listens beyond loopback otherwise). There the office's token counts for
 * nothing: a visitor may only give a code, and a code's session is a reviewer principal that core
 * checks on every call. Host and Origin must be the day's address, as on loopback.
 */
export function reviewDayGate(
  core: Core,
  given: { rendererDir: string; port?: number; limits?: { maxBody: number; budget: BodyBudget } },
) {
  // The desktop shell has no office listener of its own: its gate takes the body limits browser mode uses.
  const options = {
    ...given,
    port: given.port ?? 0,
    limits: given.limits ?? { maxBody: MAX_BODY, budget: new BodyBudget(IN_FLIGHT) },
  };
  let listener: Listener | null = null;
  let endTimer: NodeJS.Timeout | null = null;
  let closing = false;
  /** Sessions this server opened: token → reviewer (core still decides, per call, whether each is good). */
  const sessions = new Map<string, number>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const here = listener ? `${listener.address}:${listener.port}` : '';
    if (req.headers.host !== here) return send(res, 403, '拒绝访问：请用办公室给出的地址访问。');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${here}`) return send(res, 403, '拒绝访问：来源不被允许。');
    const url = new URL(req.url ?? '/', `http://${here}`);
    if (url.pathname === '/signin' && req.method === 'POST') return signIn(req, res);
    if (url.pathname === '/api/session.login' && req.method === 'POST') return logIn(req, res);
    const token = cookieOf(req);
    const reviewerId = token ? sessions.get(token) : undefined;
    if (!token || reviewerId === undefined) {
      if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/files/'))
        return send(res, 401, '请先输入评审验证码');
      return page(res, 200, null);
    }
    const principal = browserReviewer(reviewerId, token);
    // A reviewer's page hears that something changed — not another session's progress, nor another
    // reviewer's saves (ten reviewers autosaving would otherwise make every page re-read all day).
    if (url.pathname === '/api/events' && req.method === 'GET')
      return streamEvents(
        core,
        req,
        res,
        (event) => event.type === 'changed' && (event.reviewerId === undefined || event.reviewerId === reviewerId),
      );
    if (url.pathname.startsWith('/files/') && req.method === 'GET') {
      const sha256 = url.pathname.slice('/files/'.length);
      const allowed = await core.invoke('files.mayRead', { sha256 }, principal);
      if (!allowed.ok) return send(res, allowed.error.code === 'unauthorized' ? 401 : 403, allowed.error.message);
      return serveStoredFile(core, url, res);
    }
    if (url.pathname === '/api/upload' || url.pathname.startsWith('/downloads/'))
      return send(res, 403, '评审人不能上传或下载文件。');
    if (url.pathname.startsWith('/api/')) return answerCall(core, req, res, url, principal, options.limits);
    if (!url.pathname.includes('.')) {
      // The page itself only while core still takes the session (not after 收回, a new code or the day's end).
      const still = await core.invoke('app.info', undefined, principal);
      if (!still.ok) {
        sessions.delete(token);
        return page(res, 200, still.error.message);
      }
    }
    return serveApp(options.rendererDir, req, url, res);
  };

  /** A code, given at this address: the session it opens (its cookie to set), or core's refusal. */
  async function openSession(req: http.IncomingMessage, code: unknown) {
    const address = req.socket.remoteAddress ?? 'unknown';
    const answer = await core.invoke('reviewDay.signIn', { code }, visitorAt(address));
    if (!answer.ok) return { ok: false, refused: answer.error } as const;
    const opened = answer.value as OpOutput<'reviewDay.signIn'>;
    sessions.set(opened.token, opened.reviewerId);
    return { ok: true, opened, cookie: `${COOKIE}=${opened.token}; HttpOnly; SameSite=Strict; Path=/` } as const;
  }

  /** The sign-in page's form. */
  async function signIn(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let code: string;
    try {
      const { body, release } = await readBody(req, 1024, options.limits.budget);
      release();
      code = new URLSearchParams(body).get('code') ?? '';
    } catch {
      return page(res, 400, '请重新输入验证码。');
    }
    const session = await openSession(req, code);
    if (!session.ok) return page(res, session.refused.code === 'code-locked' ? 429 : 403, session.refused.message);
    res.writeHead(303, { 'set-cookie': session.cookie, location: '/#/review', 'cache-control': 'no-store' });
    res.end();
  }

  /** The same for a program (docs/running.md): `POST /api/session.login` with `{code}`, answered as any call. */
  async function logIn(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let code: unknown;
    try {
      const { body, release } = await readBody(req, 1024, options.limits.budget);
      release();
      code = (JSON.parse(body) as { code?: unknown }).code;
    } catch {
      code = undefined;
    }
    const session = await openSession(req, code);
    const json = 'application/json; charset=utf-8';
    if (!session.ok) return send(res, 200, JSON.stringify({ ok: false, error: session.refused }), json);
    res.setHeader('set-cookie', session.cookie);
    const { reviewerId, reviewerName, endsAt } = session.opened;
    send(res, 200, JSON.stringify({ ok: true, value: { reviewerId, reviewer: reviewerName, endsAt } }), json);
  }

  async function stop(): Promise<void> {
    if (endTimer) clearTimeout(endTimer);
    endTimer = null;
    const was = listener;
    listener = null;
    sessions.clear();
    await was?.close();
  }

  /** Listens, or stops listening, as core's record of the day says; tells core where it listens. */
  async function follow(): Promise<void> {
    if (closing) return;
    const status = await core.invoke('reviewDay.status', undefined, SERVER);
    if (!status.ok) return;
    const { day } = status.value as OpOutput<'reviewDay.status'>;
    if (!day) return stop();
    if (listener?.address !== day.address) {
      await stop();
      // The office's own port where the address has it free, so the address to hand out stays the same.
      listener = await listen(handle, day.address, options.port).catch(() => listen(handle, day.address, 0));
    }
    if (endTimer) clearTimeout(endTimer);
    endTimer = setTimeout(() => void follow(), Math.max(0, Date.parse(day.endsAt) - Date.now()) + 500);
    endTimer.unref();
    if (day.port !== listener.port) await core.invoke('reviewDay.served', { port: listener.port }, SERVER);
  }

  let following = Promise.resolve();
  const queueFollow = () => (following = following.then(follow, follow).catch(() => undefined));
  const unsubscribe = core.subscribe((event) => {
    if (event.type === 'changed' && event.topic === 'reviewDay') void queueFollow();
  });
  void queueFollow();

  return {
    close: async () => {
      closing = true;
      unsubscribe();
      await following;
      await stop();
    },
  };
}
