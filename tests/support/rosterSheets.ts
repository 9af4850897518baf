import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** Realistic roster rows for tests and benchmarks: sectors, levels, phones and a few aliases. */
const SECTORS = ['县区团委', '市直机关团工委', '柳东新区团工委', '金融团工委', '非公企业团工委', '教育团工委'];
const PLACES = [
  '城中区',
  '鱼峰区',
  '柳南区',
  '柳北区',
  '柳江区',
  '柳城县',
  '鹿寨县',
  '融安县',
  '融水苗族自治县',
  '三江侗族自治县',
];
const KINDS = [
  '人民医院急诊科',
  '中心小学教务处',
  '供电局营业厅',
  '税务局办税服务厅',
  '公交公司1路车队',
  '农商银行营业部',
  '派出所户籍窗口',
  '自来水公司客服中心',
  '图书馆少儿部',
  '政务服务中心',
];
const LEVELS = ['市级', '省级', '全国', '县区级'];

export interface RosterRow {
  name: string;
  sector: string;
  level: string;
  year: number | string;
  contact: string;
  phone: string;
  email: string;
  aliases: string;
  notes: string;
}

export function makeRosterRows(count: number): RosterRow[] {
  const rows: RosterRow[] = [];
  for (let i = 0; i < count; i++) {
    const place = PLACES[i % PLACES.length]!;
    const kind = KINDS[Math.floor(i / PLACES.length) % KINDS.length]!;
    const batch = Math.floor(i / (PLACES.length * KINDS.length));
    const name = `柳州市${place}${kind}${batch ? `第${batch + 1}分部` : ''}`;
    rows.push({
      name,
      sector: SECTORS[i % SECTORS.length]!,
      level: LEVELS[i % LEVELS.length]!,
      year: 2010 + (i % 13),
      contact: `联系人${i + 1}`,
      phone: i % 3 === 0 ? `0772-${String(2800000 + i).slice(0, 7)}` : `138${String(10000000 + i).slice(0, 8)}`,
      email: `unit${i + 1}@example.cn`,
      aliases: i % 7 === 0 ? `${place}${kind.slice(0, 4)}` : '',
      notes: '',
    });
  }
  return rows;
}

const HEADER = ['序号', '集体名称', '所属系统', '级别', '命名年份', '联系人', '联系电话', '电子邮箱', '别名', '备注'];

function cells(row: RosterRow, index: number): Array<string | number> {
  return [
    index + 1,
    row.name,
    row.sector,
    row.level,
    row.year,
    row.contact,
    row.phone,
    row.email,
    row.aliases,
    row.notes,
  ];
}

/**
 * An office-style sheet: merged title row, a 填报单位 line, the header, and sector cells merged down runs of equal sectors.
 */
export async function rosterXlsx(rows: RosterRow[], options: { mergeSectors?: boolean } = {}): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名册');
  sheet.addRow(['2022年柳州市青年文明号集体名册']);
  sheet.mergeCells(1, 1, 1, HEADER.length);
  sheet.addRow(['填报单位：共青团柳州市委员会', '', '', '', '', '', '填报日期：2022年5月9日']);
  sheet.addRow(HEADER);
  const sorted = options.mergeSectors ? [...rows].sort((a, b) => a.sector.localeCompare(b.sector)) : rows;
  sorted.forEach((row, i) => sheet.addRow(cells(row, i)));
  if (options.mergeSectors) {
    let start = 0;
    for (let i = 1; i <= sorted.length; i++) {
      if (i === sorted.length || sorted[i]!.sector !== sorted[start]!.sector) {
        if (i - start > 1) sheet.mergeCells(start + 4, 3, i + 3, 3);
        start = i;
      }
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The same roster as Excel on Chinese Windows saves it: CSV in GBK, CRLF line ends. */
export function rosterCsv(rows: RosterRow[], encoding: 'gbk' | 'utf-8' | 'utf-8-bom' = 'gbk'): Buffer {
  const text = [HEADER, ...rows.map(cells)].map((line) => line.map(csvField).join(',')).join('\r\n') + '\r\n';
  if (encoding === 'gbk') return iconv.encode(text, 'gbk');
  const body = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}
