import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build';
import { tempDir } from './helpers';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../bin/desk.js');
const desk = async (data: string, ...args: string[]) =>
  (JSON.parse((await run(process.execPath, [bin, '--data', data, ...args, '--json'])).stdout) as { value: unknown })
    .value;

const children: ChildProcess[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill('SIGTERM')));
beforeAll(() => ensureBuilt(), 120_000);

describe('集中评审 from the command line', () => {
  it('desk serve --lan opens the day; desk reviewers code gives a code that signs in; progress and revoke work beside it', async () => {
    const data = tempDir();
    await desk(data, 'reviewers', 'add', '王老师');
    const serve = spawn(process.execPath, [
      bin,
      '--data',
      data,
      'serve',
      '--lan',
      '127.0.0.2',
      '--until',
      '23:55',
      '--json',
    ]);
    children.push(serve);
    const line = await new Promise<string>((resolve) =>
      readline.createInterface({ input: serve.stdout! }).once('line', resolve),
    );
    const started = JSON.parse(line) as { url: string; lanUrl: string; token: string };
    expect(started.lanUrl).toMatch(/^http:\/\/127\.0\.0\.2:\d+$/);

    const issued = (await desk(data, 'reviewers', 'code', '王老师')) as {
      reviewer: string;
      code: string;
      expiresAt: string;
    };
    expect(issued).toMatchObject({ reviewer: '王老师', code: expect.stringMatching(/^\d{6}$/) });
    const login = await fetch(`${started.lanUrl}/api/session.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: issued.code }),
    });
    expect(await login.json()).toMatchObject({ ok: true, value: { reviewer: '王老师' } });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const queue = () =>
      fetch(`${started.lanUrl}/api/reviews.queuePage`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: '{}',
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: { code: string } }>);
    expect(await queue()).toMatchObject({ ok: true });

    expect(await desk(data, 'review', 'progress')).toEqual([]);
    await desk(data, 'reviewers', 'revoke', '王老师');
    expect(await queue()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });
});
