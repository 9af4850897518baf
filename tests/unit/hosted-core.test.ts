import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core, DeskEvent } from '../../src-main/core';
import { startHostedCore } from '../../src-main/hosting/hostedCore';
import { ensureBuilt, root } from '../support/build';
import { makeRosterRows, rosterCsv } from '../support/rosterSheets';
import { asFile, tempDir, OFFICE, PAGE } from './helpers';

// The desktop shell and browser mode run core in worker threads from the built bundle.
const workerScript = path.join(root, 'out/main/coreWorker.js');
let open: Core[] = [];

beforeAll(() => ensureBuilt());
afterEach(async () => {
  await Promise.all(open.map((core) => core.close()));
  open = [];
});

async function hosted(dataDir = tempDir()): Promise<Core> {
  const core = await startHostedCore({ dataDir, version: 'test', mode: 'test', workerScript });
  open.push(core);
  return core;
}

describe('core in worker threads', () => {
  it('answers through the same interface as an in-process core, events included', async () => {
    const core = await hosted();
    const events: DeskEvent[] = [];
    core.subscribe((event) => events.push(event));
    expect(await core.invoke('app.info', undefined, OFFICE)).toMatchObject({
      ok: true,
      value: { version: 'test', logFile: core.info.logFile },
    });
    expect(await core.invoke('units.create', { name: '柳州银行营业部' }, OFFICE)).toMatchObject({
      ok: true,
      value: { name: '柳州银行营业部' },
    });
    expect(events).toContainEqual({ type: 'changed', topic: 'units' });
    expect(await core.invoke('units.create', { name: '' }, OFFICE)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await core.invoke('intake.import', { files: [{ path: '/etc/passwd' }] }, PAGE)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(core.storedFile('0'.repeat(64))).rejects.toThrow();
  });

  it('a second caller is answered while a long import runs beside it', async () => {
    const core = await hosted();
    const file = asFile('名册.csv', rosterCsv(makeRosterRows(5000), 'utf-8'));
    const order: string[] = [];
    const progress: number[] = [];
    core.subscribe(
      (event) => event.type === 'progress' && event.operation === 'units.importApply' && progress.push(event.done),
    );
    const importing = core.invoke('units.importApply', { file }, OFFICE).then((r) => (order.push('import'), r));
    // Wait until the import is under way, then ask something small.
    while (!progress.length) await new Promise((r) => setTimeout(r, 5));
    const info = await core.invoke('app.info', undefined, OFFICE);
    order.push('info');
    expect(info.ok).toBe(true);
    expect(await importing).toMatchObject({ ok: true, value: { created: 5000 } });
    expect(order).toEqual(['info', 'import']);
    expect(await core.invoke('units.count', undefined, OFFICE)).toMatchObject({ ok: true, value: { total: 5000 } });
  }, 60_000);

  it('a second hosted core on the same folder (another window, browser mode beside the app) sees the first one’s data', async () => {
    const dir = tempDir();
    const first = await hosted(dir);
    await first.invoke('units.create', { name: '柳州市第一中学团委' }, OFFICE);
    const second = await hosted(dir);
    expect(await second.invoke('units.list', undefined, OFFICE)).toMatchObject({
      ok: true,
      value: [{ name: '柳州市第一中学团委' }],
    });
  });
});
