import { z } from 'zod';
import { UNIT_STATUSES, type UnitStatus } from '../../common/statuses';
import { cleanCell, toHalfWidth } from '../text/normalize';

export const LEVELS = ['全国', '省级', '市级', '县区级'] as const;
export const STATUSES = UNIT_STATUSES;
export type Level = (typeof LEVELS)[number];
export type Status = UnitStatus;

const LEVEL_WORDS: Record<string, Level> = {
  全国: '全国',
  全国级: '全国',
  国家级: '全国',
  全国青年文明号: '全国',
  省级: '省级',
  省: '省级',
  自治区级: '省级',
  区级: '省级',
  省级青年文明号: '省级',
  自治区: '省级',
  市级: '市级',
  市: '市级',
  市级青年文明号: '市级',
  县区级: '县区级',
  县级: '县区级',
  区县级: '县区级',
  县: '县区级',
  县区: '县区级',
};

// What offices write in a 状态 column, and the codes themselves (a sheet exported by the CLI).
const STATUS_WORDS: Record<string, Status> = {
  在册: 'active',
  正常: 'active',
  有效: 'active',
  active: 'active',
  暂停: 'suspended',
  暂缓: 'suspended',
  suspended: 'suspended',
  撤销: 'revoked',
  撤消: 'revoked',
  取消: 'revoked',
  revoked: 'revoked',
};

export function parseLevel(raw: string): Level | null | 'invalid' {
  const v = cleanCell(raw).replace(/\s/g, '');
  if (!v) return null;
  return LEVEL_WORDS[v] ?? 'invalid';
}

export function parseStatus(raw: string): Status | null | 'invalid' {
  const v = cleanCell(raw).replace(/\s/g, '');
  if (!v) return null;
  return STATUS_WORDS[v] ?? 'invalid';
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$/;
const SERVICE = /^(400|800)-?\d{3}-?\d{4}$/;

/** Phones as offices write them: mobile, landline with or without area code and extension, several separated by 、/，. */
export function normalizePhone(raw: string): string | null | 'invalid' {
  const v = toHalfWidth(cleanCell(raw));
  if (!v) return null;
  const parts = v
    .split(/[、,;/，；]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const cleaned = parts.map((p) =>
    p
      .replace(/[()（）]/g, ' ')
      .trim()
      .replace(/^\+?86[-\s]?(?=1|0)/, '')
      // "0772 2827423" and "(0772)2827423" are the same number as 0772-2827423.
      .replace(/^(0\d{2,3})\s+(?=\d)/, '$1-')
      .replace(/\s+/g, '')
      // A landline typed into a number cell loses its leading 0 (0772… → 772…): put it back.
      .replace(/^([1-9]\d{9,10})$/, (digits) => (MOBILE.test(digits) ? digits : `0${digits}`)),
  );
  if (!cleaned.every((p) => MOBILE.test(p) || LANDLINE.test(p) || SERVICE.test(p))) return 'invalid';
  return cleaned.join('、');
}

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;

export function normalizeEmail(raw: string): string | null | 'invalid' {
  const v = toHalfWidth(cleanCell(raw)).replace(/\s/g, '').toLowerCase();
  if (!v) return null;
  return EMAIL.test(v) ? v : 'invalid';
}

export function parseYear(raw: string, now = new Date()): number | null | 'invalid' {
  const v = toHalfWidth(cleanCell(raw));
  if (!v) return null;
  const match =
    /^(\d{4})(?:\s*年|[-/.]\d{1,2}([-/.]\d{1,2})?|\.0)?$/.exec(v) ?? /^(\d{4})年\d{1,2}月(\d{1,2}日)?$/.exec(v);
  if (!match) return 'invalid';
  const year = Number(match[1]);
  return year >= 1980 && year <= now.getFullYear() + 1 ? year : 'invalid';
}

export function splitAliases(raw: string): string[] {
  return [
    ...new Set(
      cleanCell(raw)
        .split(/[;；、,，|｜\n]+/)
        .map((a) => cleanCell(a))
        .filter(Boolean),
    ),
  ];
}

/** The longest 联系人 and 备注 a unit keeps: the form, the import and its preview hold to the same. */
export const CONTACT_MAX = 50;
export const NOTES_MAX = 500;

/** A unit as the form and the import both produce it, before the database sees it. */
export const unitFieldsSchema = z.object({
  name: z
    .string()
    .transform((v) => cleanCell(v))
    .pipe(z.string().min(1, '请填写集体名称').max(100, '集体名称过长（最多 100 字）')),
  sectorId: z.number().int().positive().nullable().default(null),
  level: z.enum(LEVELS).nullable().default(null),
  yearNamed: z
    .number()
    .int()
    .min(1980, '命名年份应在 1980 年之后')
    .max(new Date().getFullYear() + 1, '命名年份不能晚于明年')
    .nullable()
    .default(null),
  status: z.enum(STATUSES).default('active'),
  contact: z
    .string()
    .max(CONTACT_MAX, `联系人过长（最多 ${CONTACT_MAX} 字）`)
    .nullable()
    .default(null)
    .transform((v) => (v ? cleanCell(v) || null : null)),
  phone: z
    .string()
    .nullable()
    .default(null)
    .transform((v, ctx) => {
      const p = normalizePhone(v ?? '');
      if (p === 'invalid') {
        ctx.addIssue({ code: 'custom', message: '联系电话格式不正确（手机 11 位，座机如 0772-2827423）' });
        return z.NEVER;
      }
      return p;
    }),
  email: z
    .string()
    .nullable()
    .default(null)
    .transform((v, ctx) => {
      const e = normalizeEmail(v ?? '');
      if (e === 'invalid') {
        ctx.addIssue({ code: 'custom', message: '电子邮箱格式不正确' });
        return z.NEVER;
      }
      return e;
    }),
  aliases: z
    .array(z.string())
    .default([])
    .transform((list) => [...new Set(list.map((a) => cleanCell(a)).filter(Boolean))]),
  notes: z
    .string()
    .max(NOTES_MAX, `备注过长（最多 ${NOTES_MAX} 字）`)
    .nullable()
    .default(null)
    .transform((v) => (v ? v.trim() || null : null)),
});

export type UnitFields = z.output<typeof unitFieldsSchema>;
