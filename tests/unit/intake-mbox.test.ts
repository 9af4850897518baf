import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pythonMail } from '../support/pythonMail';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';

/** An mbox written by Python's `mailbox` module (From_ lines, >From quoting), as mail clients export them. */
function writeMbox(file: string, messages: Buffer[]): void {
  const dir = tempDir();
  const parts = messages.map((m, i) => {
    const p = path.join(dir, `${i}.eml`);
    fs.writeFileSync(p, m);
    return p;
  });
  const script = `
import mailbox, sys, email
from email import policy
box = mailbox.mbox(sys.argv[1])
for p in sys.argv[2:]:
    box.add(email.message_from_binary_file(open(p, 'rb'), policy=policy.compat32))
box.flush()
`;
  const run = spawnSync('python3', ['-c', script, file, ...parts], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
}

function zipOf(unit: string): string {
  const file = path.join(tempDir(), `${unit}.zip`);
  fs.writeFileSync(
    file,
    writeZip([
      { name: '工作总结.docx', data: makeDocx(unit) },
      ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(20 + i, 10 + unit.length) })),
    ]),
  );
  return file;
}

describe.skipIf(!needs('python3'))('an mbox file', () => {
  it('gives one source per message, read as an .eml is; one without attachments is skipped; a Thunderbird folder file without extension is recognised', async () => {
    const t = openTestCore();
    await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
    await t.call('units.create', { name: '柳州银行营业部', email: 'yyb@lzbank.cn' });
    const mails = [
      pythonMail({
        from: '柳州市第一中学团委 <tw@lzyz.cn>',
        subject: '一中青年文明号材料',
        date: 'Thu, 20 Oct 2022 10:00:00 +0800',
        messageId: '<mb1@test>',
        body: 'From the office:\n材料见附件。',
        attachments: [{ file: zipOf('柳州市第一中学团委'), filename: '材料.zip', type: 'application/zip' }],
      }),
      pythonMail({
        from: '柳州银行营业部 <yyb@lzbank.cn>',
        subject: '请问截止时间',
        date: 'Fri, 21 Oct 2022 10:00:00 +0800',
        messageId: '<mb2@test>',
        body: '请问截止时间？',
      }),
      pythonMail({
        from: '柳州银行营业部 <yyb@lzbank.cn>',
        subject: '营业部材料',
        date: 'Mon, 24 Oct 2022 10:00:00 +0800',
        messageId: '<mb3@test>',
        body: '见附件',
        attachments: [{ file: zipOf('柳州银行营业部'), filename: '营业部.zip', type: 'application/zip' }],
      }),
    ];
    const inbox = path.join(tempDir(), 'Inbox');
    writeMbox(inbox, mails);
    expect(fs.readFileSync(inbox, 'latin1')).toMatch(/^>From the office:/m);
    const result = await t.call('intake.import', { files: localFiles([inbox]) });
    expect(result.sources.map((r) => [r.source, r.status, r.unit?.name ?? null, r.message_id])).toEqual([
      ['一中青年文明号材料', 'imported', '柳州市第一中学团委', '<mb1@test>'],
      ['请问截止时间', 'skipped', null, '<mb2@test>'],
      ['营业部材料', 'imported', '柳州银行营业部', '<mb3@test>'],
    ]);
    expect(result.totals).toMatchObject({ sources: 3, imported: 2, skipped: 1 });
    expect(result.sources[0]).toMatchObject({
      received_from: 'email',
      received_at: '2022-10-20T02:00:00.000Z',
      completeness: 'complete',
    });

    // The same mailbox exported again (.mbox) adds nothing: its messages are duplicates by Message-ID.
    const again = path.join(tempDir(), '导出.mbox');
    fs.copyFileSync(inbox, again);
    const second = await t.call('intake.import', { files: localFiles([again]) });
    expect(second.sources.map((r) => r.status)).toEqual(['duplicate', 'skipped', 'duplicate']);
    expect(fs.readdirSync(path.join(t.dataDir, 'files', '.tmp'))).toEqual([]);
  });
});
