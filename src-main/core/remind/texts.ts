import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Orm } from '../db/open';
import { settings } from '../db/schema';
import { REMIND_SITUATION, type RemindSituation } from '../../common/standing';

/**
 * What a unit is told, by situation, in the office's words: templates kept per campaign with
 * placeholders the office may edit. Everything a unit reads comes from here — never from the
 * clerk's notes (a refusal's message says what the clerk should do; a unit gets its own words).
 */
const REMIND_SITUATIONS = Object.keys(REMIND_SITUATION) as RemindSituation[];

/** The placeholders a template may use, each with what it becomes. */
export const PLACEHOLDERS = {
  单位: '集体名称',
  通知: '通知名称（《…》）',
  截止日期: '报送截止日期，如 2022年10月31日',
  材料要求: '工作总结和照片的要求',
  缺少: '不齐全时缺少的材料',
  原因: '被拒收的原因（对单位说的话）',
  办法: '被拒收后怎样重新发送',
  附件: '未能下载的超大附件名称',
  联系: '联系人和电话',
  落款: '发文单位',
} as const;

const HEAD = '{单位}：\n\n根据{通知}，请于{截止日期} 24:00 前报送年度材料。';
const TAIL = '\n\n报送材料：{材料要求}\n\n{联系}\n{落款}';

export const DEFAULT_TEMPLATES: Record<RemindSituation, string> = {
  missing: `${HEAD}截至目前，我们尚未收到贵单位的报送材料，请尽快报送。${TAIL}`,
  incomplete: `${HEAD}贵单位报送的材料尚不齐全：{缺少}。请补发缺少的部分（邮件标题注明“补充”即可，已发送的不必重发）。${TAIL}`,
  refused: `${HEAD}贵单位发来的材料未能受理：{原因}。{办法}${TAIL}`,
  link: `${HEAD}贵单位通过超大附件发送的材料（{附件}）我们未能下载（链接已过期）。请把材料直接作为邮件附件重新发送。${TAIL}`,
};

/** A refusal's code → what the unit is told and asked to do (the clerk's message stays in 收件). */
const REFUSAL_WORDS: Record<string, { reason: string; action: string }> = {
  encrypted: { reason: '压缩包或文件设置了密码，无法打开', action: '请去掉密码后重新打包发送。' },
  corrupt: { reason: '压缩包或文件已损坏，无法打开', action: '请重新打包后发送。' },
  'unsupported-format': {
    reason: '文件格式无法打开（如分卷压缩不全、自解压程序或不常见的格式）',
    action: '请用 ZIP 打包（工作总结用 Word、WPS 或 PDF，照片用 JPG）后重新发送。',
  },
  'zip-bomb': { reason: '文件解压后异常庞大，无法受理', action: '请重新保存文档、重新打包后发送。' },
  empty: { reason: '邮件或压缩包中没有可用的文件', action: '请把工作总结和活动照片作为附件重新发送。' },
  'too-large': { reason: '材料超过了大小上限', action: '请适当压缩照片后重新打包发送。' },
  'unsafe-path': { reason: '压缩包中的文件路径异常', action: '请重新打包后发送。' },
};

export function refusalWords(code: string | null): { reason: string; action: string } {
  return (code && REFUSAL_WORDS[code]) || { reason: '材料未能受理', action: '请重新打包后发送。' };
}

export const templatesSchema = z
  .object(
    Object.fromEntries(
      REMIND_SITUATIONS.map((s) => [s, z.string().trim().min(10, '提醒正文太短').max(5000)]),
    ) as Record<RemindSituation, z.ZodString>,
  )
  .partial();

const key = (campaignId: number) => `remind.templates.${campaignId}`;

/** The campaign's templates: the office's own where it wrote one, the built-in ones otherwise. */
export function readTemplates(orm: Orm, campaignId: number): Record<RemindSituation, string> {
  const row = orm
    .select()
    .from(settings)
    .where(eq(settings.key, key(campaignId)))
    .get();
  return { ...DEFAULT_TEMPLATES, ...((row?.value as Partial<Record<RemindSituation, string>> | undefined) ?? {}) };
}

export function writeTemplates(
  orm: Orm,
  campaignId: number,
  templates: Partial<Record<RemindSituation, string>>,
): Record<RemindSituation, string> {
  const value = Object.fromEntries(
    Object.entries(templates).filter(([s, text]) => text && text !== DEFAULT_TEMPLATES[s as RemindSituation]),
  );
  orm
    .insert(settings)
    .values({ key: key(campaignId), value })
    .onConflictDoUpdate({ target: settings.key, set: { value } })
    .run();
  return readTemplates(orm, campaignId);
}

/** Fills a template; a placeholder without a value (or unknown) is left out, never shown as {…}. */
export function fillTemplate(template: string, values: Partial<Record<keyof typeof PLACEHOLDERS, string>>): string {
  return template
    .replace(/\{([^{}]{1,8})\}/g, (_m, name: string) => values[name as keyof typeof PLACEHOLDERS] ?? '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
