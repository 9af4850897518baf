import type { AddressObject, ParsedMail } from 'mailparser';
import type { StagedFile } from './staging';

/** One attached file of a mail; its bytes are fetched only when read. */
export interface MailAttachment {
  filename: string | null;
  contentType: string;
  /** Decoded size when known before reading (a MIME parser's count), else the encoded size. */
  size: number;
  content(): Promise<Buffer>;
  /** Already in the store's temporary area (a large message read as it streamed): used as it is, not read again. */
  staged?: StagedFile;
}

/**
 * What the intake reads of a mail, whoever parsed it: a MIME parser over the raw message (a
 * dropped .eml, an mbox message, a forward) or the IMAP server's own parse of a message in the
 * mailbox. Everything after this — forwards, archives, volumes, limits, evidence — is one code path.
 */
export interface MailView {
  date: Date | null;
  messageId: string | null;
  subject: string | null;
  from: { address: string | null; name: string | null };
  text: string | undefined;
  html: string | false | undefined;
  attachments: MailAttachment[];
}

export function firstAddress(from: AddressObject | AddressObject[] | undefined): MailView['from'] {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  const first = list[0]?.value[0];
  return { address: first?.address?.toLowerCase() ?? null, name: first?.name || null };
}

/** The view of a mail parsed whole by mailparser. */
export function viewOfParsed(mail: ParsedMail): MailView {
  return {
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    messageId: mail.messageId ?? null,
    subject: mail.subject ?? null,
    from: firstAddress(mail.from),
    text: mail.text,
    html: mail.html,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      content: async () => a.content,
    })),
  };
}
