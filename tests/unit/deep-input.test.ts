import { describe, expect, it } from 'vitest';
import { startServer, stopServer } from '../support/server';
import { tempDir } from './helpers';

/** `[[[…]]]` nested `depth` times, as text (JSON.stringify of such a value would itself overflow the stack). */
const deepArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('an input nested thousands deep (#27 item 7)', () => {
  it('is refused with invalid-input by browser mode, and the core thread keeps answering', async () => {
    const server = await startServer(tempDir());
    try {
      const post = (name: string, body: string) =>
        fetch(`${server.info.url}/api/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-desk-token': server.info.token },
          body,
        }).then(async (r) => ({
          status: r.status,
          json: (await r.json()) as { ok: boolean; error?: { code: string; message: string } },
        }));
      for (const depth of [5_000, 100_000]) {
        const deep = await post('units.list', `{"search":${deepArray(depth)}}`);
        expect(deep.json).toMatchObject({
          ok: false,
          error: { code: 'invalid-input', message: expect.stringContaining('嵌套') },
        });
      }
      // The same thread answers the next call at once.
      expect((await post('app.info', '')).json).toMatchObject({ ok: true });
      expect((await post('units.list', '{}')).json).toMatchObject({ ok: true });
    } finally {
      await stopServer(server.child);
    }
  }, 60_000);
});
