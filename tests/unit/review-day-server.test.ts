import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from '../../src-main/server/http';
import { needs } from '../support/tools';
import { assignedYear, openTestCore, tempDir, type TestCore } from './helpers';

const servers: DeskServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** An envelope as the page reads it: the test looks into values of many shapes. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Reply = { ok: boolean; value?: any; error?: { code: string; message: string } };

async function office(server: DeskServer, name: string, input: unknown = {}) {
  const response = await fetch(`${server.url}/api/${name}`, {
    method: 'POST',
    headers: { 'x-desk-token': server.token, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Reply;
}

/** Where reviewers go, once the server listens there. */
async function dayUrl(server: DeskServer): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const { value } = await office(server, 'reviewDay.status');
    if (value.day?.port) return `http://${value.day.address}:${value.day.port}`;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the review day was never served');
}

/** fetch will not send another Host: node:http does. */
function statusWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { host } }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject);
  });
}

async function refusedConnection(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

async function setUp(): Promise<{ t: TestCore; server: DeskServer; year: Awaited<ReturnType<typeof assignedYear>> }> {
  const t = openTestCore();
  const year = await assignedYear(t);
  const server = await startDeskServer(t.core, { rendererDir: path.join(tempDir(), 'renderer') });
  servers.push(server);
  return { t, server, year };
}

describe('集中评审 over the network (127.0.0.2 stands in for the office LAN)', () => {
  it('a reviewer signs in with a code at the day address and reaches only their own queue; it all ends with the day', async () => {
    const { t, server, year } = await setUp();
    // Nothing listens beyond loopback until the office starts the day.
    expect(await refusedConnection(`http://127.0.0.2:${server.port}/`)).toBe(true);
    const started = await office(server, 'reviewDay.start', {
      address: '127.0.0.2',
      endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    expect(started.ok).toBe(true);
    const lan = await dayUrl(server);
    expect(lan).toBe(`http://127.0.0.2:${server.port}`);

    // The door: our own page, saying the connection is not encrypted; the office's token counts for nothing here.
    const door = await fetch(`${lan}/?token=${server.token}`);
    expect(door.status).toBe(200);
    expect(door.headers.get('set-cookie')).toBeNull();
    const text = await door.text();
    expect(text).toContain('评审验证码');
    expect(text).toContain('没有加密');
    expect(
      (await fetch(`${lan}/api/units.list`, { method: 'POST', headers: { 'x-desk-token': server.token } })).status,
    ).toBe(401);
    // A page from another name pointed at this address (DNS rebinding) is refused.
    expect(await statusWithHost(lan, 'evil.example')).toBe(403);

    const codes = (await office(server, 'reviewDay.status')).value.codes as Array<{ reviewerId: number; code: string }>;
    const code = codes.find((c) => c.reviewerId === year.wang.id)!.code;
    const signIn = (value: string) =>
      fetch(`${lan}/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `code=${value}`,
        redirect: 'manual',
      });
    const wrong = await signIn(code === '111111' ? '222222' : '111111');
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).toContain('验证码不对');
    const right = await signIn(code);
    expect(right.status).toBe(303);
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^desk_reviewer=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    const session = { cookie: cookie.split(';')[0]! };
    const as = async (name: string, input: unknown = {}) =>
      (await (
        await fetch(`${lan}/api/${name}`, {
          method: 'POST',
          headers: { ...session, 'content-type': 'application/json' },
          body: JSON.stringify(input),
        })
      ).json()) as Reply;

    // Their queue holds only 甲 (乙 is 李老师's; 丙 would be 回避); nothing of the office's.
    const queue = await as('reviews.queuePage', {});
    expect(queue.value.rows.map((r: { unitName: string }) => r.unitName)).toEqual(['甲单位']);
    expect(await as('units.list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await as('app.info')).toMatchObject({
      ok: true,
      value: { dataDir: '', you: { kind: 'reviewer', name: '王老师' } },
    });
    const [own] = await year.files(year.ids['甲单位']!);
    const [others] = await year.files(year.ids['乙单位']!);
    expect((await fetch(`${lan}/files/${own}`, { headers: session })).status).toBe(200);
    expect((await fetch(`${lan}/files/${others}`, { headers: session })).status).toBe(403);
    expect((await fetch(`${lan}/api/upload`, { method: 'POST', headers: session, body: 'x' })).status).toBe(403);

    // They save (a draft, which the 操作记录 leaves out); their entering is recorded as theirs, through a browser.
    const saved = await as('reviews.save', {
      submissionId: year.ids['甲单位'],
      answers: {},
      comment: '现场评审',
      basedOn: null,
    });
    expect(saved).toMatchObject({ ok: true, value: { reviewerId: year.wang.id, comment: '现场评审' } });
    await t
      .call('audit.list', {})
      .then(({ rows }) =>
        expect(rows.find((r) => r.operation === 'reviewDay.signIn')).toMatchObject({ actor: '王老师', via: 'browser' }),
      );

    // 收回: the session ends at once, and the page shows the door again with why.
    await office(server, 'reviewDay.revokeCode', { reviewerId: year.wang.id });
    expect(await as('reviews.queuePage', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await (await fetch(`${lan}/`, { headers: session })).text()).toContain('验证码已失效');

    // 结束集中评审: the address stops answering.
    await office(server, 'reviewDay.stop');
    await expect.poll(() => refusedConnection(`${lan}/`)).toBe(true);
  });

  it("a reviewer's page hears of its own queue, not of another reviewer's saves", async () => {
    const { server, year } = await setUp();
    await office(server, 'reviewDay.start', {
      address: '127.0.0.2',
      endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
    });
    const lan = await dayUrl(server);
    const codes = (await office(server, 'reviewDay.status')).value.codes as Array<{ reviewerId: number; code: string }>;
    const cookieOf = async (reviewerId: number) => {
      const signedIn = await fetch(`${lan}/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `code=${codes.find((c) => c.reviewerId === reviewerId)!.code}`,
        redirect: 'manual',
      });
      return signedIn.headers.get('set-cookie')!.split(';')[0]!;
    };
    const wang = await cookieOf(year.wang.id);
    // A program signs in by the documented JSON route instead of the form.
    const login = await fetch(`${lan}/api/session.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: codes.find((c) => c.reviewerId === year.li.id)!.code }),
    });
    expect(await login.json()).toMatchObject({ ok: true, value: { reviewer: '李老师' } });
    const li = login.headers.get('set-cookie')!.split(';')[0]!;
    const refused = await fetch(`${lan}/api/session.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'abc' }),
    });
    expect(await refused.json()).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const heard: string[] = [];
    const stream = await fetch(`${lan}/api/events`, { headers: { cookie: wang } });
    const reader = stream.body!.getReader();
    void (async () => {
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        heard.push(
          ...new TextDecoder()
            .decode(value)
            .split('\n')
            .filter((l) => l.startsWith('data: ')),
        );
      }
    })();
    const settle = () => new Promise((r) => setTimeout(r, 300));

    // 李老师 autosaves her own review: 王老师's page is not told.
    await fetch(`${lan}/api/reviews.save`, {
      method: 'POST',
      headers: { cookie: li, 'content-type': 'application/json' },
      body: JSON.stringify({ submissionId: year.ids['乙单位'], answers: {}, comment: '李老师的草稿', basedOn: null }),
    });
    await settle();
    expect(heard.filter((l) => l.includes('"topic":"reviews"'))).toEqual([]);

    // The office assigns 王老师 another submission: his page is told, and it is not progress of anyone's.
    await office(server, 'reviews.assign', {
      request: { mode: 'hand', submissionIds: [year.ids['乙单位']], reviewerIds: [year.wang.id] },
    });
    await expect.poll(() => heard.filter((l) => l.includes('"topic":"reviews"')).length).toBeGreaterThan(0);
    expect(heard.some((l) => l.includes('"type":"progress"'))).toBe(false);
    await reader.cancel();
  });

  it.skipIf(!needs('poppler'))(
    'prints a slip per reviewer: the name, the address, the code and the warning, read back by pdftotext',
    async () => {
      const { t, server } = await setUp();
      await office(server, 'reviewDay.start', {
        address: '127.0.0.2',
        endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      });
      const lan = await dayUrl(server);
      const codes = (await office(server, 'reviewDay.status')).value.codes as Array<{
        reviewerName: string;
        code: string;
      }>;
      const dir = tempDir();
      const pdf = await t.saveTo('reviewDay.slips', {}, path.join(dir, '纸条.pdf'));
      expect(pdf.slips).toBe(2);
      const text = execFileSync('pdftotext', ['-layout', pdf.file, '-'], { encoding: 'utf8' });
      for (const c of codes) {
        expect(text).toContain(`评审人：${c.reviewerName}`);
        expect(text.replace(/ /g, '')).toContain(c.code);
      }
      expect(text).toContain(lan);
      expect(text).toContain('没有加密');
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf.file, path.join(dir, 'slip')]);
      expect(fs.statSync(path.join(dir, 'slip-1.png')).size).toBeGreaterThan(5_000);
    },
  );
});
