import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { sectorOf } from '../support/sectors';
import { openTestCore, tempDir } from './helpers';

async function entriesOf(file: string): Promise<Array<{ name: string; data: Buffer }>> {
  const extract = tar.extract();
  const out: Array<{ name: string; data: Buffer }> = [];
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        out.push({ name: header.name, data: Buffer.concat(chunks) });
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  Readable.from(fs.readFileSync(file)).pipe(extract);
  await done;
  return out;
}

async function tarOf(entries: Array<{ name: string; data: Buffer }>): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((resolve) => pack.on('end', () => resolve()));
  for (const e of entries) pack.entry({ name: e.name, size: e.data.length }, e.data);
  pack.finalize();
  await ended;
  return Buffer.concat(chunks);
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

describe('a backup is sealed with a key of the folder that made it (#27 item 4)', () => {
  it('a forged backup — another database inside, both SHA-256s recomputed — is refused on the folder that made it; the data stays', async () => {
    const office = openTestCore();
    await office.call('units.create', { name: '柳州银行营业部', sectorId: await sectorOf(office, '金融团工委') });
    const good = (await office.call('backup.create', { to: { path: path.join(tempDir(), 'good.deskbackup') } })).file;
    // The forger's database: another year entirely, from another folder's backup.
    const other = openTestCore();
    await other.call('units.create', { name: '被改名的单位', sectorId: await sectorOf(other, '金融团工委') });
    const theirs = (await other.call('backup.create', { to: { path: path.join(tempDir(), 'o.deskbackup') } })).file;
    const database = (await entriesOf(theirs)).find((e) => e.name === 'desk.sqlite')!.data;

    const entries = await entriesOf(good);
    const header = JSON.parse(entries.find((e) => e.name === 'backup.json')!.data.toString()) as Record<
      string,
      unknown
    >;
    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString()) as {
      database: { sha256: string; size: number };
    };
    header.databaseSha256 = sha(database);
    manifest.database = { sha256: sha(database), size: database.length };
    const forged = path.join(tempDir(), 'forged.deskbackup');
    fs.writeFileSync(
      forged,
      await tarOf(
        entries.map((e) =>
          e.name === 'desk.sqlite'
            ? { name: e.name, data: database }
            : e.name === 'backup.json'
              ? { name: e.name, data: Buffer.from(JSON.stringify(header)) }
              : e.name === 'manifest.json'
                ? { name: e.name, data: Buffer.from(JSON.stringify(manifest)) }
                : e,
        ),
      ),
    );
    const before = await office.call('units.list', {});
    // Even told to trust it: the folder that sealed it knows it was changed.
    const refused = await office.callRaw('backup.restore', { file: { path: forged }, acceptUnverified: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'backup-forged' } });
    expect(await office.call('units.list', {})).toEqual(before);
    // The genuine one restores, verified.
    expect(await office.call('backup.restore', { file: { path: good } })).toMatchObject({ trust: 'verified' });
    // On another PC neither can be verified: it asks, and the forged one restores only when told to.
    const newPc = openTestCore();
    expect(await newPc.callRaw('backup.restore', { file: { path: good } })).toMatchObject({
      ok: false,
      error: { code: 'backup-unverified', message: expect.stringContaining('无法核实') },
    });
    expect(await newPc.call('units.list', {})).toEqual([]);
  });
});
