import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';

describe('searches people (or scripts) type', () => {
  it('a NUL in the words finds nothing instead of failing; the same words without it find the summary (#27 item 7)', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州银行营业部' });
    const zip = path.join(tempDir(), '柳州银行营业部.zip');
    fs.writeFileSync(
      zip,
      writeZip([
        { name: '总结.docx', data: makeDocx('柳州银行营业部青年文明号工作总结') },
        { name: '照片.png', data: makePng(5, 5) },
      ]),
    );
    await t.call('intake.import', { files: localFiles([zip]) });
    await t.call('search.index', {});
    expect((await t.call('search.summaries', { query: '青年文明号' })).hits).toHaveLength(1);
    expect(await t.callRaw('search.summaries', { query: '青年\u0000文明号' })).toEqual({
      ok: true,
      value: { hits: [], more: false },
    });
    expect(await t.callRaw('search.global', { query: '青年文明号\u0000' })).toMatchObject({
      ok: true,
      value: { summaries: [] },
    });
  });
});
