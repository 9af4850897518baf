import { z } from 'zod';
import { cleanCell } from '../text/normalize';
import { typedDay } from '../contract/schemas';
import { DEFAULT_RUBRIC, rubricSchema, type Rubric } from './rubric';

const ITEM_KINDS = ['check', 'count', 'score', 'veto'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

const materialsSchema = z
  .object({
    summaryFormats: z
      .array(z.string().regex(/^[a-z0-9]{1,6}$/, '格式应为小写扩展名，如 docx'))
      .min(1, '至少允许一种总结格式'),
    summaryCount: z.number().int().min(0).max(10),
    photosMin: z.number().int().min(0).max(100),
    photosMax: z.number().int().min(0).max(100),
    note: z.string().max(500).default(''),
  })
  .refine((m) => m.photosMax >= m.photosMin, { message: '照片上限不能小于下限', path: ['photosMax'] });
export type Materials = z.output<typeof materialsSchema>;

const contactSchema = z.object({
  name: z.string().max(50).default(''),
  phone: z.string().max(50).default(''),
  email: z.string().max(100).default(''),
  office: z.string().max(100).default(''),
});
export type Contact = z.output<typeof contactSchema>;

const text = (label: string, max: number) =>
  z
    .string()
    .transform((v) => cleanCell(v))
    .pipe(z.string().min(1, `请填写${label}`).max(max, `${label}过长`));

const checklistItemSchema = z
  .object({
    id: z.number().int().positive().optional(),
    section: text('所属部分', 50),
    title: text('活动项目名称', 100),
    guidance: z.string().max(1000).default(''),
    points: z.number().int('分值应为整数').min(0, '分值不能为负').max(100, '单项分值不超过 100'),
    kind: z.enum(ITEM_KINDS),
    minCount: z.number().int().min(1).max(1000).nullable().default(null),
    /** 证据词: none given means the words of the title and guidance (campaigns.ts `wordsFor`). */
    evidenceWords: z
      .array(z.string().trim().min(1, '证据词不能为空').max(20, '每个证据词不超过 20 个字'))
      .max(60, '每项证据词不超过 60 个')
      .default([]),
  })
  .refine((item) => item.kind !== 'count' || item.minCount !== null, {
    message: '计数项需要填写最低次数',
    path: ['minCount'],
  });

const isoDate = typedDay;

export const campaignFieldsSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    title: text('标题', 200),
    theme: z.string().max(200).default(''),
    issuer: z.string().max(100).default(''),
    issuedOn: isoDate.nullable().default(null),
    deadline: isoDate,
    materials: materialsSchema,
    contact: contactSchema,
    items: z.array(checklistItemSchema).min(1, '检查清单至少需要一项').max(200),
    rubric: rubricSchema.default(DEFAULT_RUBRIC),
  })
  .refine((c) => !c.issuedOn || c.deadline >= c.issuedOn, {
    message: '报送截止日期不能早于发文日期',
    path: ['deadline'],
  });
export type CampaignFields = z.output<typeof campaignFieldsSchema>;

export interface ChecklistItem {
  id: number;
  position: number;
  section: string;
  title: string;
  guidance: string;
  points: number;
  kind: ItemKind;
  minCount: number | null;
  evidenceWords: string[];
}

export interface Campaign {
  id: number;
  year: number;
  title: string;
  theme: string;
  issuer: string;
  issuedOn: string | null;
  deadline: string;
  /** The instant materials stop being on time: end of the deadline day in China time (UTC+8). */
  deadlineEndsAt: string;
  materials: Materials;
  contact: Contact;
  rubric: Rubric;
  isCurrent: boolean;
  copiedFromId: number | null;
  items: ChecklistItem[];
  totalPoints: number;
  updatedAt: string;
}

/** 23:59:59.999 on the deadline day in Liuzhou is still on time. */
export function deadlineEndsAt(deadline: string): string {
  return new Date(Date.parse(`${deadline}T23:59:59.999+08:00`)).toISOString();
}

/** The place in a campaign's issuer ("柳州市创建青年文明号活动组委会" → "柳州市"), for document titles. */
export function placeOf(issuer: string): string {
  return /^(.{2,8}?[省市县区])/.exec(issuer)?.[1] ?? '';
}
