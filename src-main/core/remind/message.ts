import crypto from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { chineseDayOf, parseTypedDate } from '../../common/lenientDate';
import type { Campaign } from '../campaigns/model';
import type { ReminderTarget } from './targets';

export interface ReminderMail {
  subject: string;
  text: string;
  messageId: string;
}

function deadlineWords(campaign: Campaign): string {
  const typed = parseTypedDate(campaign.deadline);
  return typed ? chineseDayOf(typed) : campaign.deadline;
}

/** What to do, in the office's words, for each way material went wrong. */
function request(target: ReminderTarget): string {
  if (target.situation === 'incomplete') return `贵单位报送的材料尚不齐全：${target.detail}。请补齐后重新发送完整材料。`;
  if (target.situation === 'refused') return `贵单位发来的材料未能受理：${target.detail}`;
  return '截至目前，我们尚未收到贵单位的报送材料。';
}

/** One unit's reminder: who, by when, what is missing, how to send — as the office writes it. */
export function reminderFor(campaign: Campaign, target: ReminderTarget, office: string): ReminderMail {
  const m = campaign.materials;
  const contact = campaign.contact;
  const text = [
    `${target.unitName}：`,
    '',
    `根据${campaign.title ? `《${campaign.title}》` : `${campaign.year}年度青年文明号工作通知`}，请于${deadlineWords(campaign)} 24:00 前报送年度材料。${request(target)}`,
    '',
    `报送材料：工作总结 ${m.summaryCount} 份（${m.summaryFormats.join('、')}）、活动照片 ${m.photosMin}–${m.photosMax} 张，请打包为一个 ZIP 压缩包（不要设置密码），以“单位全称”命名后发送至本邮箱。`,
    '',
    contact?.name || contact?.phone ? `联系人：${[contact.name, contact.phone].filter(Boolean).join('，')}` : '',
    `${office}`,
  ]
    .filter((line, i, all) => line !== '' || all[i - 1] !== '')
    .join('\n');
  const subject = `【提醒】请报送${campaign.year}年度青年文明号集体材料——${target.unitName}`;
  return { subject, text, messageId: `<remind-${crypto.randomUUID()}@committee-desk.local>` };
}

/** The message as RFC 5322 bytes (RFC 2047 for the Chinese subject and names): what a mail client opens. */
export async function composeEml(mail: { from: string; to?: string; bcc?: string[]; subject: string; text: string; messageId: string; draft: boolean }): Promise<Buffer> {
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
