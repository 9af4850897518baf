import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { localFiles, openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';

/**
 * The unit's own mail (sent before the deadline, its ZIP attached), forwarded later by a colleague
 * as an attachment — written by Python's email package, not by us.
 */
function forwardedMail(dir: string, zip: Buffer): string {
  fs.writeFileSync(path.join(dir, 'unit.zip'), zip);
  const script = `
import sys
from email.message import EmailMessage
from email import policy
inner = EmailMessage()
inner['From'] = '柳州市第一中学团委 <tw@lzyz.cn>'
inner['To'] = 'tuanshiwei@163.com'
inner['Subject'] = '柳州市第一中学团委2022年青年文明号材料'
inner['Date'] = 'Thu, 20 Oct 2022 10:00:00 +0800'
inner['Message-ID'] = '<inner-1@lzyz.cn>'
inner.set_content('材料见附件。')
inner.add_attachment(open(sys.argv[1] + '/unit.zip', 'rb').read(), maintype='application', subtype='zip', filename='材料.zip')
outer = EmailMessage()
outer['From'] = '办公室小王 <xw@tsw.gov.cn>'
outer['To'] = 'tuanshiwei@163.com'
outer['Subject'] = '转发：柳州市第一中学团委2022年青年文明号材料'
outer['Date'] = 'Mon, 07 Nov 2022 09:00:00 +0800'
outer['Message-ID'] = '<outer-1@tsw.gov.cn>'
outer.set_content('转给你。')
outer.add_attachment(inner)
open(sys.argv[1] + '/forwarded.eml', 'wb').write(outer.as_bytes(policy=policy.SMTP))
`;
  const run = spawnSync('python3', ['-c', script, dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return path.join(dir, 'forwarded.eml');
}

describe('a forwarded submission', () => {
  it.skipIf(!needs('python3'))(
    'is read through the forward: its ZIP unpacked, its own sender and date deciding unit and lateness',
    async () => {
      const t = openTestCore();
      await t.call('units.create', { name: '柳州市第一中学团委', email: 'tw@lzyz.cn' });
      const zip = writeZip([
        { name: '工作总结.docx', data: makeDocx('总结') },
        ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(30 + i, 20) })),
      ]);
      const report = (await t.call('intake.import', { files: localFiles([forwardedMail(tempDir(), zip)]) }))
        .sources[0]!;
      expect(report).toMatchObject({
        status: 'imported',
        unit: { name: '柳州市第一中学团委' },
        match: { reason: '发件邮箱与名册一致' },
        late: false,
        completeness: 'complete',
        received_from: 'email',
        received_at: '2022-10-20T02:00:00.000Z',
      });
      expect(report.files!.map((f) => f.name).sort()).toEqual(['工作总结.docx', '照片1.png', '照片2.png', '照片3.png']);
      expect((report.notes ?? []).join('；')).toContain('已展开转发的邮件');
      // Taken with the unit's sender and date, it still says who forwarded it and when (#25 item 8).
      expect(report.notes).toContain('由 办公室小王 <xw@tsw.gov.cn> 于 2022-11-07 09:00 转发');
    },
  );
});
