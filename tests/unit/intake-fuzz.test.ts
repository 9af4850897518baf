import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mutate, seeded } from '../support/mutate';
import { FIXTURES } from '../support/sharedFixtures';
import { makeDocx, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir, localFiles } from './helpers';
import { needs } from '../support/tools';

const STATUSES = new Set(['imported', 'duplicate', 'unmatched', 'rejected']);

/** A ZIP whose ZIP64 locator says the ZIP64 record lies 2^63 bytes in: yauzl handed that to fs.read. */
function zipWithImpossibleZip64Locator(): Buffer {
  const zip = writeZip([{ name: '总结.docx', data: makeDocx('柳州银行营业部') }]);
  const eocd = zip.length - 22;
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(0x7fff_ffff_ffff_fff0n, 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([zip.subarray(0, eocd), locator, zip.subarray(eocd)]);
}

describe('intake against broken and hostile bytes', () => {
  it('an archive pointing far outside itself is refused as corrupt, and the process carries on', async () => {
    const t = openTestCore();
    const file = path.join(tempDir(), '柳州银行营业部.zip');
    fs.writeFileSync(file, zipWithImpossibleZip64Locator());
    const result = await t.call('intake.import', { files: localFiles([file]) });
    expect(result.sources[0]).toMatchObject({ status: 'rejected', code: 'corrupt' });
    expect(result.sources[0]!.message).toContain('压缩包无法读取');
    expect(await t.call('units.list')).toEqual([]);
  });

  // Seeded mutations of the real archives and e-mails: every one ends as one of the four outcomes,
  // never an internal error, a hang or a crash (this found the case above).
  it.skipIf(!needs('fixtures'))(
    'mutated fixture archives and e-mails each get an outcome',
    async () => {
      const seeds: string[] = [];
      for (const dir of fs.readdirSync(FIXTURES)) {
        const folder = path.join(FIXTURES, dir);
        if (!fs.statSync(folder).isDirectory()) continue;
        for (const name of fs.readdirSync(folder)) {
          const size = fs.statSync(path.join(folder, name)).size;
          if (/\.(zip|eml)$/i.test(name) && size > 64 && size < 2_000_000) seeds.push(path.join(folder, name));
        }
      }
      const rand = seeded(20221031);
      const t = openTestCore();
      const dir = tempDir();
      for (let i = 0; i < 120; i++) {
        const seed = seeds[rand(seeds.length)]!;
        const bytes = mutate(fs.readFileSync(seed), rand);
        const file = path.join(dir, `${i}-${path.basename(seed)}`);
        fs.writeFileSync(file, bytes);
        const result = await t.callRaw('intake.import', { files: localFiles([file]) });
        expect(result, `${path.basename(seed)} mutation ${i}`).toMatchObject({ ok: true });
        if (!result.ok) continue;
        for (const source of (result.value as { sources: Array<{ status: string; code?: string; message: string }> })
          .sources) {
          expect(STATUSES.has(source.status)).toBe(true);
          if (source.status === 'rejected') expect(source.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    },
    120_000,
  );
});
