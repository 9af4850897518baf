import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDovecot, type MailServer } from '../support/dovecot';
import { muttMail } from '../support/muttMail';
import { makeDocx, makePng, writeZip } from '../support/zipWriter';
import { openTestCore, tempDir } from './helpers';
import { needs } from '../support/tools';

// Under DESK_REQUIRE_TOOLS a missing Dovecot or mutt fails the run rather than skipping it.
const ready = needs('dovecot', 'mutt');
const servers: MailServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

/** A unit's mail with its ZIP attached, written by mutt. */
function unitMail(unit: string, address: string): Buffer {
  const dir = tempDir();
  const zip = path.join(dir, `${unit}.zip`);
  fs.writeFileSync(
    zip,
    writeZip([
      { name: '工作总结.docx', data: makeDocx(`${unit}总结`) },
      ...[1, 2, 3].map((i) => ({ name: `照片${i}.png`, data: makePng(50 + i, 10 + unit.length) })),
    ]),
  );
  return muttMail({
    fromName: unit,
    from: address,
    subject: `${unit}2022年青年文明号材料`,
    body: '材料见附件，请查收。',
    attachments: [zip],
  });
}

const at = (day: string) => new Date(`${day}T10:00:00+08:00`);

describe.skipIf(!ready)(
  'mail by date range, every time (#25 item 4; Dovecot on loopback, messages written by mutt)',
  () => {
    it('a later, wider fetch brings the mail an earlier, narrower one left outside; what lay outside and in other folders is counted', async () => {
      const s = await startDovecot();
      servers.push(s);
      const t = openTestCore();
      const units = [
        ['柳州市第一中学团委', 'tw@lzyz.cn', '2022-10-20'],
        ['柳州银行营业部', 'yyb@lzbank.cn', '2022-09-05'],
        ['柳州市人民医院急诊科', 'jzk@lzrmyy.cn', '2022-10-25'],
      ] as const;
      for (const [name, email] of units) await t.call('units.create', { name, email });
      // The bank's mail came early (September); the hospital's came in order but a rule filed it under Archive.
      s.deliver(unitMail(units[0][0], units[0][1]), 'INBOX', at(units[0][2]));
      s.deliver(unitMail(units[1][0], units[1][1]), 'INBOX', at(units[1][2]));
      s.deliver(unitMail(units[2][0], units[2][1]), 'Archive', at(units[2][2]));
      await t.call('mail.saveAccount', {
        host: s.host,
        port: s.port,
        tls: 'off',
        user: s.user,
        folders: ['INBOX'],
        password: s.password,
      });

      const narrow = await t.call('mail.fetch', { since: '2022-10-01', until: '2022-10-31' });
      expect(narrow.sources.map((r) => [r.status, r.unit?.name])).toEqual([['imported', units[0][0]]]);
      expect(narrow.folders).toEqual([{ folder: 'INBOX', newMessages: 1, alreadyIn: 0, outsideRange: 1 }]);
      expect(narrow.otherFolders).toEqual([{ folder: 'Archive', messages: 1 }]);

      // Wider: the September mail comes now (it was never lost); the one already read is not read again.
      const wide = await t.call('mail.fetch', { since: '2022-09-01', until: '2022-10-31' });
      expect(wide.sources.map((r) => [r.status, r.unit?.name])).toEqual([['imported', units[1][0]]]);
      expect(wide.folders).toEqual([{ folder: 'INBOX', newMessages: 1, alreadyIn: 1, outsideRange: 0 }]);
      expect((await t.call('mail.fetch', { since: '2022-09-01', until: '2022-10-31' })).sources).toEqual([]);

      // The office adds the folder a rule filed mail into: its mail is read, the inbox's is not again.
      await t.call('mail.saveAccount', {
        host: s.host,
        port: s.port,
        tls: 'off',
        user: s.user,
        folders: ['INBOX', 'Archive'],
        password: s.password,
      });
      const other = await t.call('mail.fetch', { since: '2022-09-01', until: '2022-10-31' });
      expect(other.sources.map((r) => [r.status, r.unit?.name])).toEqual([['imported', units[2][0]]]);
      expect((await t.call('submissions.list', {})).map((x) => x.unitName).sort()).toEqual(
        units.map((u) => u[0]).sort(),
      );
    });
  },
);
