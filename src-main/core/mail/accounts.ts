import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../db/open';
import { settings } from '../db/schema';
import { DeskError } from '../contract/errors';

export const mailAccountSchema = z.object({
  host: z
    .string()
    .trim()
    .min(1, '请填写服务器地址')
    .max(200)
    .regex(/^[A-Za-z0-9.-]+$/, '服务器地址只能包含字母、数字、点和连字符'),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(['on', 'starttls', 'off']),
  user: z.string().trim().min(3, '请填写邮箱地址').max(200),
  /** Folders to read; INBOX when none. */
  folders: z.array(z.string().min(1).max(200)).max(50).default(['INBOX']),
  /**
   * How long a silent server is waited for (connecting, its greeting, each reply) before
   * `mail-timeout`. A slow office line to a busy server needs more than a LAN does.
   */
  timeoutSeconds: z.number().int().min(3, '超时不能少于 3 秒').max(600, '超时不能超过 600 秒').default(30),
  /** 发信服务器 (SMTP) for 催报: same address and 授权码. Absent: smtp.* of the IMAP host on 465 (SSL). */
  smtp: z
    .object({
      host: z
        .string()
        .trim()
        .min(1, '请填写发信服务器')
        .max(200)
        .regex(/^[A-Za-z0-9.-]+$/, '服务器地址只能包含字母、数字、点和连字符'),
      port: z.number().int().min(1).max(65535),
      tls: z.enum(['on', 'starttls', 'off']),
    })
    .optional(),
});
export type MailAccount = z.output<typeof mailAccountSchema>;

/** Per folder of one account: which messages were read, so a later fetch reads only the others. */
export interface FolderSync {
  uidValidity: string;
  /** The highest UID read (kept for older versions; not what decides what is read again). */
  lastUid: number;
  /**
   * Every UID read, as ranges (mail/uidSet.ts). Absent in folders synced before ranges: read again by date, known
   * Message-IDs skipped.
   */
  done?: string;
}

const ACCOUNT = 'mail.account';
const syncKey = (user: string) => `mail.sync.${user.toLowerCase()}`;

export function readAccount(orm: Orm): MailAccount | null {
  const row = orm.select().from(settings).where(eq(settings.key, ACCOUNT)).get();
  const parsed = mailAccountSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}

export function requireAccount(orm: Orm): MailAccount {
  const account = readAccount(orm);
  if (!account)
    throw new DeskError('no-mail-account', '还没有设置邮箱。请先在“设置 → 邮箱”中填写服务器、邮箱地址和授权码。');
  return account;
}

export function writeAccount(orm: Orm, account: MailAccount): MailAccount {
  orm
    .insert(settings)
    .values({ key: ACCOUNT, value: account })
    .onConflictDoUpdate({ target: settings.key, set: { value: account } })
    .run();
  return account;
}

export function readSync(orm: Orm, user: string): Record<string, FolderSync> {
  const row = orm
    .select()
    .from(settings)
    .where(eq(settings.key, syncKey(user)))
    .get();
  return (row?.value as Record<string, FolderSync> | undefined) ?? {};
}

export function writeFolderSync(orm: Orm, user: string, folder: string, sync: FolderSync): void {
  const all = { ...readSync(orm, user), [folder]: sync };
  orm
    .insert(settings)
    .values({ key: syncKey(user), value: all })
    .onConflictDoUpdate({ target: settings.key, set: { value: all } })
    .run();
}

/** The secrets-store key of an account's 授权码. */
export const passwordKey = (user: string) => `mail.password.${user.toLowerCase()}`;
