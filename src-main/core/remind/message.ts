import crypto from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { chineseDayOf, parseTypedDate } from '../../common/lenientDate';
import type { Campaign } from '../campaigns/model';
import type { ReminderTarget } from './targets';
import { DEFAULT_TEMPLATES, fillTemplate } from './texts';
import type { RemindSituation } from '../../common/standing';

export interface ReminderMail {
  subject: string;
  text: string;
  messageId: string;
}

function deadlineWords(campaign: Campaign): string {
  const typed = parseTypedDate(campaign.deadline);
  return typed ? chineseDayOf(typed) : campaign.deadline;
}

/** The values a unit's letter is filled with: its own situation only. */
function letterValues(campaign: Campaign, target: Pick<ReminderTarget, 'unitName' | 'forUnit'>, office: string) {
  const m = campaign.materials;
  const contact = campaign.contact;
  return {
    单位: target.unitName,
    通知: campaign.title ? `《${campaign.title}》` : `${campaign.year}年度青年文明号工作通知`,
    截止日期: deadlineWords(campaign),
    材料要求: `工作总结 ${m.summaryCount} 份（${m.summaryFormats.join('、')}）、活动照片 ${m.photosMin}–${m.photosMax} 张，请打包为一个 ZIP 压缩包（不要设置密码），以“单位全称”命名后发送至本邮箱。`,
    缺少: target.forUnit.missing,
    原因: target.forUnit.reason,
    办法: target.forUnit.action,
    附件: target.forUnit.attachment,
    联系: contact?.name || contact?.phone ? `联系人：${[contact.name, contact.phone].filter(Boolean).join('，')}` : '',
    落款: office,
  };
}

/** One unit's reminder: its situation's template, filled for it alone. */
export function reminderFor(
  campaign: Campaign,
  target: ReminderTarget,
  office: string,
  templates: Record<RemindSituation, string> = DEFAULT_TEMPLATES,
): ReminderMail {
  const text = fillTemplate(templates[target.situation], letterValues(campaign, target, office));
  const subject = `【提醒】请报送${campaign.year}年度青年文明号集体材料——${target.unitName}`;
  return { subject, text, messageId: `<remind-${crypto.randomUUID()}@committee-desk.local>` };
}

/** A letter for several units of a sector (Bcc): the general request, no unit's situation named. */
export function sectorLetter(
  campaign: Campaign,
  sector: string,
  office: string,
  templates: Record<RemindSituation, string> = DEFAULT_TEMPLATES,
): ReminderMail {
  const text = fillTemplate(
    templates.missing.replace(/截至目前，?我们尚未收到贵单位的报送材料，?/, '尚未报送或材料不齐全的，'),
    letterValues(campaign, { unitName: `${sector}各青年文明号集体`, forUnit: {} }, office),
  );
  return {
    subject: `【提醒】请报送${campaign.year}年度青年文明号集体材料——${sector}`,
    text,
    messageId: `<remind-${crypto.randomUUID()}@committee-desk.local>`,
  };
}

/** The message as RFC 5322 bytes (RFC 2047 for the Chinese subject and names): what a mail client opens. */
export async function composeEml(mail: {
  from: string;
  to?: string;
  bcc?: string[];
  subject: string;
  text: string;
  messageId: string;
  draft: boolean;
}): Promise<Buffer> {
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    bcc: mail.bcc,
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date: new Date(),
    headers: mail.draft ? { 'X-Unsent': '1' } : {},
  });
  const node = composer.compile();
  // A draft keeps its Bcc line (the mail client sends it as Bcc); a sent message never shows it.
  node.keepBcc = mail.draft;
  return new Promise((resolve, reject) => node.build((error, bytes) => (error ? reject(error) : resolve(bytes))));
}
