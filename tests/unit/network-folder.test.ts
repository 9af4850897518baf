import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { isNetworkFolder } from '../../src-main/core/dataFolder/networkFolder';
import { ensureBuilt } from '../support/build';
import { tempDir } from './helpers';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../../bin/desk.js');

beforeAll(() => ensureBuilt(), 120_000);

describe('a data folder on a shared drive is refused (SQLite cannot lock over the network)', () => {
  it('a Windows share, in either spelling, is refused by the CLI with network-folder and why, and nothing is created', async () => {
    for (const share of ['\\\\server\\共享\\组委会数据', '//server/share/desk']) {
      const refused = await run(process.execPath, [bin, '--data', share, 'units', 'list', '--json']).catch(
        (error: { code: number; stdout: string }) => error,
      );
      expect('code' in refused ? refused.code : 0).toBe(1);
      const answer = JSON.parse(refused.stdout) as { ok: boolean; error: { code: string; message: string } };
      expect(answer).toMatchObject({ ok: false, error: { code: 'network-folder' } });
      expect(answer.error.message).toMatch(/集中评审/);
    }
    expect(fs.existsSync('/server')).toBe(false);
  });

  it('an NFS, SMB or CIFS mount is a network folder; a local disk, a USB stick (FUSE) or a missing folder is not', () => {
    const onType = (type: number | null) => () => type;
    expect(isNetworkFolder('/mnt/office', onType(0x6969))).toBe(true); // NFS
    expect(isNetworkFolder('/mnt/office', onType(0xff534d42))).toBe(true); // CIFS
    expect(isNetworkFolder('/mnt/office', onType(0xfe534d42))).toBe(true); // SMB2
    expect(isNetworkFolder('/media/usb', onType(0x65735546))).toBe(false); // FUSE (ntfs-3g)
    expect(isNetworkFolder('/home/office', onType(0xef53))).toBe(false); // ext4
    // The real filesystem of a temporary folder here, and of a folder that does not exist yet under it.
    const local = tempDir();
    expect(isNetworkFolder(local)).toBe(false);
    expect(isNetworkFolder(path.join(local, '还没有', '数据'))).toBe(false);
  });
});
