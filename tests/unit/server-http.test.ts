import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDeskServer, type DeskServer } from '../../src-main/server/http';
import { openTestCore, tempDir } from './helpers';

const servers: DeskServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(inFlight?: number): Promise<DeskServer> {
  const t = openTestCore();
  const rendererDir = path.join(tempDir(), 'renderer');
  const server = await startDeskServer(t.core, { rendererDir, maxBody: 4096, inFlight });
  servers.push(server);
  return server;
}

/** One request as raw bytes, so nothing in a client library tidies it up; the status line and body of the answer. */
function raw(server: DeskServer, request: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(server.port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (error) => (chunks.length ? undefined : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text });
    });
    socket.end(request);
  });
}

function post(server: DeskServer, target: string, body: string, type = 'application/json'): string {
  return `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nx-desk-token: ${server.token}\r\ncontent-type: ${type}\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}

describe('browser mode answers bad requests and stays up', () => {
  it('a malformed name, a mangled request line, a wrong media type and an oversized body each get their status; the next request is served', async () => {
    const server = await start();
    expect((await raw(server, post(server, '/api/%', '{}'))).status).toBe(404);
    expect(
      (await raw(server, `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nconnection: close\r\n\r\n`)).status,
    ).toBe(400);
    expect((await raw(server, 'NOT AN HTTP REQUEST\r\n\r\n')).status).toBe(400);
    expect((await raw(server, post(server, '/api/app.info', '{}', 'application/jsonp'))).status).toBe(415);
    expect((await raw(server, post(server, '/api/app.info', '{}', 'text/plain; x=application/json'))).status).toBe(415);
    const big = await raw(server, post(server, '/api/app.info', JSON.stringify({ pad: 'x'.repeat(10_000) })));
    expect(big.status).toBe(413);
    expect(big.text).toContain('too-large');
    // Declared small, sent large: still 413, not a reset.
    const lying = `POST /api/app.info HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nx-desk-token: ${server.token}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n${(20_000).toString(16)}\r\n${'y'.repeat(20_000)}\r\n0\r\n\r\n`;
    expect((await raw(server, lying)).status).toBe(413);
    const fine = await raw(server, post(server, '/api/app.info', '{}', 'Application/JSON; charset=utf-8'));
    expect(fine.status).toBe(200);
    expect(fine.text).toContain('"ok":true');
  });
});

describe('browser mode the next morning', () => {
  it("today's printed address works although yesterday's server (another port, another token) left its cookie; a stale cookie alone is refused", async () => {
    const yesterday = await start();
    const today = await start();
    const stale = `desk_token=${yesterday.token}`;
    const get = (target: string, cookie: string) =>
      raw(
        today,
        `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${today.port}\r\ncookie: ${cookie}\r\nconnection: close\r\n\r\n`,
      );
    const entry = await get(`/?token=${today.token}`, stale);
    expect(entry.status).toBe(302);
    expect(entry.text).toContain(`set-cookie: desk_token=${today.token}`);
    // The browser may still send both cookies for a while: the right one lets it in.
    expect((await get('/', `${stale}; desk_token=${today.token}`)).status).not.toBe(401);
    expect((await get('/', stale)).status).toBe(401);
  });
});

describe('browser-mode uploads', () => {
  it('are refused with 413 once what waits in uploads/ would pass the quota; taking one frees its room', async () => {
    const t = openTestCore();
    const server = await startDeskServer(t.core, {
      rendererDir: path.join(tempDir(), 'renderer'),
      uploadQuota: 10_000,
    });
    servers.push(server);
    const upload = (bytes: number) =>
      fetch(`${server.url}/api/upload`, {
        method: 'POST',
        headers: { 'x-desk-token': server.token, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(bytes),
      });
    const first = await upload(6_000);
    expect(first.status).toBe(200);
    const { value } = (await first.json()) as { value: { id: string } };
    const second = await upload(6_000);
    expect(second.status).toBe(413);
    expect(((await second.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'too-large',
      message: expect.stringContaining('上传区已满'),
    });
    expect(fs.readdirSync(path.join(t.dataDir, 'uploads'))).toEqual([value.id]);
    fs.rmSync(path.join(t.dataDir, 'uploads', value.id)); // what an operation does when it takes the upload
    expect((await upload(6_000)).status).toBe(200);
  });
});

describe('browser mode the next morning', () => {
  it('starts on the port it had (only the token changes), takes another when that one is taken, and an old address explains itself', async () => {
    const { startOnKnownPort, savedPort } = await import('../../src-main/server/port');
    const t = openTestCore();
    const dataDir = tempDir();
    const open = (port: number) => startDeskServer(t.core, { rendererDir: path.join(tempDir(), 'renderer'), port });
    const monday = await startOnKnownPort(dataDir, null, open);
    expect(savedPort(dataDir)).toBe(monday.port);
    const mondayToken = monday.token;
    await monday.close();
    const tuesday = await startOnKnownPort(dataDir, null, open);
    servers.push(tuesday);
    expect(tuesday.port).toBe(monday.port);
    expect(tuesday.token).not.toBe(mondayToken);
    // Yesterday's address, kept in the browser: refused, saying what to do.
    const old = await raw(
      tuesday,
      `GET /?token=${mondayToken} HTTP/1.1\r\nHost: 127.0.0.1:${tuesday.port}\r\nconnection: close\r\n\r\n`,
    );
    expect(old.status).toBe(401);
    expect(old.text).toContain('每次启动都会更换访问令牌');
    // The port is taken (here by tuesday's server still running): another one, remembered.
    const wednesday = await startOnKnownPort(dataDir, null, open);
    servers.push(wednesday);
    expect(wednesday.port).not.toBe(tuesday.port);
    expect(savedPort(dataDir)).toBe(wednesday.port);
  });

  it('bodies received at once share one budget: past it a request is refused as busy, and the room comes back', async () => {
    const server = await start(8192);
    const body = JSON.stringify({ pad: 'x'.repeat(3000) });
    // Three requests send most of their bodies and wait: the third passes the 8 KB held at once.
    const open = [0, 1, 2].map(() => {
      const socket = net.connect(server.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      socket.on('data', (c) => chunks.push(c));
      socket.on('error', () => {});
      const request = post(server, '/api/app.info', body);
      socket.write(request.slice(0, request.length - 10));
      const answer = new Promise<string>((r) => socket.on('close', () => r(Buffer.concat(chunks).toString('utf8'))));
      return { socket, rest: request.slice(request.length - 10), answer };
    });
    const refused = await Promise.race(open.map((o, i) => o.answer.then((text) => ({ i, text }))));
    expect(refused.text).toMatch(/^HTTP\/1\.1 413/);
    expect(refused.text).toContain('程序正在接收其他请求的大量内容，请稍后再试');
    // The two held finish and are answered; then the room they held is free again.
    for (const [i, o] of open.entries()) if (i !== refused.i) o.socket.end(o.rest);
    for (const [i, o] of open.entries()) if (i !== refused.i) expect(await o.answer).toMatch(/^HTTP\/1\.1 200/);
    expect((await raw(server, post(server, '/api/app.info', body))).status).toBe(200);
  });
});
