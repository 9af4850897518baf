import fs from 'node:fs';
import yazl from 'yazl';
import type { CoreContext } from '../app/context';
import type { Campaign } from '../campaigns/model';
import { reminders } from '../db/records';
import { safeFileName } from '../export/index';
import { officeUser, UNNAMED_USER } from '../audit/log';
import { readAccount } from '../mail/accounts';
import { makeArtifact } from '../transfer/artifacts';
import { composeEml, reminderFor, sectorLetter } from './message';
import { reminderTargets, type ReminderTarget } from './targets';
import { readTemplates } from './texts';

/** The office's own address (the mailbox in 设置), else the notice's contact e-mail. */
export function officeAddress(ctx: CoreContext, campaign: Campaign): string {
  return readAccount(ctx.db.orm)?.user ?? campaign.contact?.email ?? 'office@localhost';
}

export function officeSignature(campaign: Campaign): string {
  return campaign.issuer || '共青团柳州市委员会';
}

/** Drafts for the mail client, one ZIP of `.eml` files, as a document to save. */
export function emlZip(ctx: CoreContext, fileName: string, files: Array<{ name: string; bytes: Buffer }>) {
  return makeArtifact(ctx.dataDir, fileName, async (file) => {
    const zip = new yazl.ZipFile();
    const written = new Promise<void>((resolve, reject) => {
      zip.outputStream.on('error', reject);
      zip.outputStream.pipe(fs.createWriteStream(file)).on('close', resolve).on('error', reject);
    });
    for (const f of files) zip.addBuffer(f.bytes, f.name);
    zip.end();
    await written;
  });
}

/**
 * 提醒邮件草稿: `.eml` files to open in the mail client — one per unit (To: the unit), or one per
 * sector with its units in Bcc — in one ZIP; each is recorded on the unit as drafted.
 */
export async function reminderDrafts(ctx: CoreContext, campaign: Campaign, per: 'unit' | 'sector') {
  const targets = reminderTargets(ctx.db.orm, campaign);
  const reachable = targets.filter((t) => t.email);
  const from = officeAddress(ctx, campaign);
  const signature = officeSignature(campaign);
  const by = officeUser(ctx.db.orm) ?? UNNAMED_USER;
  const templates = readTemplates(ctx.db.orm, campaign.id);
  const files: Array<{
    name: string;
    bytes: Buffer;
    rows: Array<{ target: ReminderTarget; subject: string; messageId: string }>;
  }> = [];
  if (per === 'unit') {
    for (const [i, t] of reachable.entries()) {
      const mail = reminderFor(campaign, t, signature, templates);
      files.push({
        name: `${String(i + 1).padStart(4, '0')}-${safeFileName(t.unitName)}.eml`,
        bytes: await composeEml({ from, to: t.email!, ...mail, draft: true }),
        rows: [{ target: t, subject: mail.subject, messageId: mail.messageId }],
      });
    }
  } else {
    const sectors = [...new Set(reachable.map((t) => t.sector))];
    for (const [i, sector] of sectors.entries()) {
      const group = reachable.filter((t) => t.sector === sector);
      // Every recipient reads this one: no unit's name or situation in it, only the general request.
      const { text, subject, messageId } = sectorLetter(campaign, sector, signature, templates);
      const mail = { messageId };
      files.push({
        name: `${String(i + 1).padStart(3, '0')}-${safeFileName(sector)}.eml`,
        bytes: await composeEml({
          from,
          to: from,
          bcc: group.map((t) => t.email!),
          subject,
          text,
          messageId: mail.messageId,
          draft: true,
        }),
        rows: group.map((target) => ({ target, subject, messageId: `${mail.messageId}#${target.unitId}` })),
      });
    }
  }
  const artifact = await emlZip(ctx, `${campaign.year}年度催报提醒邮件.zip`, files);
  const at = new Date().toISOString();
  ctx.db.orm.transaction((tx) => {
    for (const f of files)
      for (const r of f.rows)
        tx.insert(reminders)
          .values({
            unitId: r.target.unitId,
            campaignId: campaign.id,
            at,
            channel: 'draft',
            address: r.target.email,
            subject: r.subject,
            status: 'drafted',
            messageId: r.messageId,
            by,
          })
          .run();
  });
  return {
    drafts: files.length,
    units: reachable.length,
    noAddress: targets
      .filter((t) => !t.email)
      .map((t) => ({ unitId: t.unitId, unitName: t.unitName, phone: t.phone, contact: t.contact })),
    files: files.map((f) => f.name),
    artifact,
  };
}
