import crypto from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { CoreContext } from '../app/context';
import { officeUser, UNNAMED_USER } from '../audit/log';
import { resolveCampaign } from '../campaigns/campaigns';
import { DeskError } from '../contract/errors';
import { reminders } from '../db/records';
import { units } from '../db/schema';
import { safeFileName } from '../export/index';
import { composeEml } from '../remind/message';
import { emlZip, officeAddress, officeSignature } from '../remind/drafts';

/**
 * 警告提醒 under the 2022《青年文明号活动管理办法》: a letter to each chosen unit saying what the
 * office found (the reason, as written on the 动态管理 page) and what it expects, as `.eml` drafts
 * in one ZIP for the mail client, each recorded on the unit. A unit without an e-mail address is
 * named back, to be telephoned.
 */
export async function warningDrafts(
  ctx: CoreContext,
  input: { unitIds: number[]; reason: string; campaignYear?: number },
) {
  const campaign = resolveCampaign(ctx.db.orm, input.campaignYear);
  const chosen = ctx.db.orm
    .select({ id: units.id, name: units.name, email: units.email, phone: units.phone, contact: units.contact })
    .from(units)
    .where(inArray(units.id, input.unitIds))
    .all();
  if (chosen.length !== new Set(input.unitIds).size)
    throw new DeskError('not-found', '所选集体中有已删除的集体，请刷新后重试');
  const reachable = chosen.filter((u) => u.email);
  if (!reachable.length)
    throw new DeskError('no-address', '所选集体都没有登记电子邮箱，请电话联系，或先在集体名册中补上邮箱');
  const from = officeAddress(ctx, campaign);
  const signature = officeSignature(campaign);
  const by = officeUser(ctx.db.orm) ?? UNNAMED_USER;
  const files: Array<{
    name: string;
    bytes: Buffer;
    unitId: number;
    address: string;
    subject: string;
    messageId: string;
  }> = [];
  for (const [i, u] of reachable.entries()) {
    const subject = `【警告提醒】关于${u.name}青年文明号创建工作的提醒`;
    const text = [
      `${u.name}：`,
      '',
      `根据《青年文明号活动管理办法》（2022）关于动态管理的规定，经组委会办公室核查：${input.reason}。`,
      '',
      '现予以警告提醒。请贵集体高度重视，对照年度工作通知认真开展创建活动，按时、完整报送年度材料。连续出现上述情形的，组委会将按规定调整星级直至撤销青年文明号称号。',
      '',
      signature,
    ].join('\n');
    const messageId = `<warning-${crypto.randomUUID()}@committee-desk.local>`;
    files.push({
      name: `${String(i + 1).padStart(4, '0')}-${safeFileName(u.name)}.eml`,
      bytes: await composeEml({ from, to: u.email!, subject, text, messageId, draft: true }),
      unitId: u.id,
      address: u.email!,
      subject,
      messageId,
    });
  }
  const artifact = await emlZip(ctx, `${campaign.year}年度警告提醒邮件.zip`, files);
  const at = new Date().toISOString();
  const ids = ctx.db.orm.transaction((tx) =>
    files.map(
      (f) =>
        tx
          .insert(reminders)
          .values({
            unitId: f.unitId,
            campaignId: campaign.id,
            at,
            channel: 'draft',
            address: f.address,
            subject: f.subject,
            status: 'drafted',
            reply: input.reason,
            kind: 'warning',
            messageId: f.messageId,
            by,
          })
          .returning({ id: reminders.id })
          .get().id,
    ),
  );
  return {
    drafts: files.length,
    reminderIds: ids,
    units: reachable.map((u) => ({ id: u.id, name: u.name })),
    noAddress: chosen
      .filter((u) => !u.email)
      .map((u) => ({ unitId: u.id, unitName: u.name, contact: u.contact, phone: u.phone })),
    artifact,
  };
}

/** Takes back warnings written as drafts (not sent after all): they stay in the record as 已撤回. */
export function withdrawWarnings(ctx: CoreContext, reminderIds: number[]) {
  const rows = ctx.db.orm
    .select({ id: reminders.id, unitId: reminders.unitId, name: units.name })
    .from(reminders)
    .innerJoin(units, eq(units.id, reminders.unitId))
    .where(and(inArray(reminders.id, reminderIds), eq(reminders.status, 'drafted'), eq(reminders.kind, 'warning')))
    .all();
  if (!rows.length) throw new DeskError('no-change', '这些警告提醒已撤回，或不是草稿');
  ctx.db.orm
    .update(reminders)
    .set({ status: 'withdrawn' })
    .where(
      inArray(
        reminders.id,
        rows.map((r) => r.id),
      ),
    )
    .run();
  return { withdrawn: rows.length, units: rows.map((r) => ({ id: r.unitId, name: r.name })) };
}
