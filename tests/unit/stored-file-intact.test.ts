import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, stopServer } from '../support/server';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

describe('a stored file changed on the disk behind the app (#27 item 7)', () => {
  it('is not served as the unit’s material: /files/<sha> refuses it, an intact file is served', async () => {
    const data = tempDir();
    const t = openTestCore(data);
    await t.call('units.create', { name: '柳州银行营业部' });
    const zip = path.join(tempDir(), '柳州银行营业部.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '总结.docx', data: makeDocx('柳州银行营业部总结') },
        { name: '照片.png', data: makePng(30, 20) },
      ]),
    );
    await t.call('intake.import', { files: localFiles([zip]) });
    const [submission] = await t.call('submissions.list', {});
    const [summary, photo] = ['summary', 'photo'].map((kind) => submission!.files.find((f) => f.kind === kind)!);
    // Someone edits the summary in the data folder: its bytes no longer hash to its name.
    const stored = path.join(data, 'files', summary!.sha256.slice(0, 2), summary!.sha256);
    const bytes = fs.readFileSync(stored);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0xff;
    fs.writeFileSync(stored, bytes);

    const server = await startServer(data);
    try {
      const get = (sha: string) =>
        fetch(`${server.info.url}/files/${sha}`, { headers: { 'x-desk-token': server.info.token } });
      const damaged = await get(summary!.sha256);
      expect(damaged.status).toBe(404);
      expect(Buffer.from(await damaged.arrayBuffer()).includes(bytes.subarray(0, 64))).toBe(false);
      const intact = await get(photo!.sha256);
      expect(intact.status).toBe(200);
      expect(Buffer.from(await intact.arrayBuffer()).length).toBeGreaterThan(0);
    } finally {
      await stopServer(server.child);
    }
    // The core says why, in Chinese.
    await expect(t.core.storedFile(summary!.sha256)).rejects.toThrow('已损坏');
  }, 60_000);
});
