import { cleanCell, toHalfWidth } from '../../text/normalize';

export const IMPORT_FIELDS = [
  'name',
  'sector',
  'level',
  'yearNamed',
  'status',
  'contact',
  'phone',
  'email',
  'aliases',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
/** Column index (0-based) per field; absent or null = not imported. */
export type ColumnMapping = Partial<Record<ImportField, number | null>>;

export const FIELD_LABELS: Record<ImportField, string> = {
  name: '集体名称',
  sector: '系统',
  level: '级别',
  yearNamed: '命名年份',
  status: '状态',
  contact: '联系人',
  phone: '联系电话',
  email: '电子邮箱',
  aliases: '别名',
  notes: '备注',
};

/** Header words office sheets use, compared after removing spaces, brackets and punctuation. */
const SYNONYMS: Record<ImportField, string[]> = {
  name: [
    '集体名称',
    '单位名称',
    '名称',
    '青年文明号集体名称',
    '青年文明号名称',
    '集体',
    '单位',
    '青年文明号集体',
    '创建集体名称',
  ],
  sector: ['系统', '条线', '所属系统', '所属条线', '系统条线', '所属单位', '主管单位', '归口', '推荐单位'],
  level: ['级别', '命名级别', '青年文明号级别', '等级', '层级'],
  yearNamed: ['命名年份', '命名时间', '命名年度', '获评年份', '年份', '获得时间', '命名年'],
  status: ['状态', '集体状态', '在册状态'],
  contact: ['联系人', '负责人', '联系人姓名', '号长', '团支部书记'],
  phone: ['联系电话', '电话', '手机', '手机号', '手机号码', '联系方式', '电话号码', '联系人电话'],
  email: ['电子邮箱', '邮箱', 'email', 'e-mail', '电子邮件', '邮件地址', '联系邮箱'],
  aliases: ['别名', '曾用名', '简称', '其他名称'],
  notes: ['备注', '说明', '备注说明'],
};

export function headerKey(value: string): string {
  return toHalfWidth(cleanCell(value))
    .toLowerCase()
    .replace(/[\s()（）【】[\]:：*＊、.·\-_/]/g, '');
}

const LOOKUP = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const word of SYNONYMS[field]) LOOKUP.set(headerKey(word), field);

function fieldForHeader(header: string): ImportField | null {
  return LOOKUP.get(headerKey(header)) ?? null;
}

/**
 * The header is the first of the top rows where at least two cells are known column names;
 * rows above it (a merged title, a 填报单位 line) are skipped.
 */
export function detectHeaderRow(rows: string[][], scan = 10): number {
  let best = -1;
  let bestHits = 1;
  rows.slice(0, scan).forEach((cells, index) => {
    const hits = new Set(cells.map(fieldForHeader).filter(Boolean)).size;
    if (hits > bestHits) {
      best = index;
      bestHits = hits;
    }
  });
  return best === -1 ? 0 : best;
}

export function autoMapping(headers: string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const field = fieldForHeader(header);
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}
