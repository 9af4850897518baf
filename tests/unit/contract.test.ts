import { describe, expect, it } from 'vitest';
import { WriteLock } from '../../src-main/core/locks/writeLock';
import { tempDir, openTestCore } from './helpers';

describe('the one contract', () => {
  it('refuses unknown operations and invalid input before any handler runs', async () => {
    const { callRaw, call } = openTestCore();
    expect(await callRaw('units.drop')).toEqual({
      ok: false,
      error: { code: 'unknown-operation', message: '未知的操作：units.drop' },
    });
    const bad = await callRaw('units.create', { name: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call('units.list')).toEqual([]);
    expect(await callRaw('units.remove', { ids: [] })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('answers every call in the same envelope', async () => {
    const { callRaw, dataDir } = openTestCore();
    const info = await callRaw('app.info');
    expect(info).toMatchObject({ ok: true, value: { dataDir, version: 'test', name: '组委会工作台' } });
  });

  it('never interleaves two long writes: the second is refused with a clear message', async () => {
    const dir = tempDir();
    const a = new WriteLock(dir);
    const b = new WriteLock(dir);
    let release!: () => void;
    const first = a.run('名册导入', () => new Promise<void>((r) => (release = r)));
    await expect(b.run('恢复备份', () => 'ran')).rejects.toMatchObject({
      code: 'busy',
      message: expect.stringContaining('名册导入'),
    });
    release();
    await first;
    await expect(b.run('恢复备份', () => 'ran')).resolves.toBe('ran');
  });
});
