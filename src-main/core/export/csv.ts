import { completenessLabel, REVIEW_STATUS, TIMING, UNIT_STATUS, labelOf } from '../../common/statuses';
import Papa from 'papaparse';
import { resolveCampaign } from '../campaigns/campaigns';
import type { Orm } from '../db/open';
import { listReviewers } from '../review/reviewers';
import { listReviews } from '../review/reviews';
import { listUnits } from '../roster/units';
import { collectStats } from './statsData';
import { chinaDay, chinaMinute } from '../../common/chinaTime';
import { YEAR_OUTCOME } from '../../common/standing';
import { FILE_KIND } from '../../common/fileKinds';

export type CsvKind = 'roster' | 'stats' | 'reviews';

const NAMES: Record<CsvKind, string> = { roster: '集体名册', stats: '统计明细', reviews: '评审记录' };

/**
 * UTF-8 with a byte-order mark: Excel on Chinese Windows then opens it without mojibake. Text
 * starting with = + - @ (a unit's name, a learned alias, a reviewer's remark) would be run as a
 * formula by Excel and WPS: such a cell is written with a leading apostrophe (OWASP's advice), so
 * it is shown, never evaluated. Numbers (a negative deduction) stay numbers.
 */
function withBom(rows: unknown[][]): Buffer {
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(Papa.unparse(rows, { newline: '\r\n', escapeFormulae: true }), 'utf8'),
  ]);
}

export function csvExport(
  orm: Orm,
  kind: CsvKind,
  campaignYear?: number,
): { fileName: string; bytes: Buffer; rows: number } {
  const day = chinaDay();
  if (kind === 'roster') {
    const units = listUnits(orm);
    const rows = [
      ['序号', '集体名称', '系统', '级别', '命名年份', '状态', '联系人', '联系电话', '电子邮箱', '别名', '备注'],
      ...units.map((u, i) => [
        i + 1,
        u.name,
        u.sectorName ?? '',
        u.level ?? '',
        u.yearNamed ?? '',
        UNIT_STATUS[u.status],
        u.contact ?? '',
        u.phone ?? '',
        u.email ?? '',
        u.aliases.join('；'),
        u.notes ?? '',
      ]),
    ];
    return { fileName: `${NAMES.roster}-${day}.csv`, bytes: withBom(rows), rows: units.length };
  }
  const campaign = resolveCampaign(orm, campaignYear);
  if (kind === 'stats') {
    const data = collectStats(orm, campaign.id);
    const items = data.campaign.items.filter((i) => i.kind !== 'veto');
    const rows = [
      [
        '序号',
        '集体名称',
        '系统',
        '级别',
        '收到时间',
        '是否逾期',
        FILE_KIND.summary,
        '照片数',
        '材料',
        ...items.map((i) => i.title),
        '各评审人得分',
        '平均分',
        '等次',
        '典型做法',
        '备注',
      ],
      ...data.units.map((u) => [
        u.index,
        u.name,
        u.sector,
        u.level,
        u.receivedAt ? chinaMinute(u.receivedAt) : '',
        u.submitted ? (u.late ? TIMING.late : TIMING.onTime) : YEAR_OUTCOME.missing,
        u.submitted ? (u.summaries ? '有' : '无') : '',
        u.submitted ? u.photos : '',
        completenessLabel(u.complete, ''),
        ...items.map((i) => (u.items[i.id] === null ? '' : u.items[i.id] ? '是' : '否')),
        u.reviewerScores,
        u.mean ?? '',
        u.verdict ?? '',
        u.practice ?? '',
        u.remarks,
      ]),
    ];
    return { fileName: `${campaign.year}年度${NAMES.stats}.csv`, bytes: withBom(rows), rows: data.units.length };
  }
  const names = new Map(listReviewers(orm).map((r) => [r.id, r.name]));
  const reviews = listReviews(orm, campaign.id);
  const rows = [
    ['评审编号', '集体名称', '评审人', '总分', '等次', '一票否决', '状态', '更新时间'],
    ...reviews.map((r) => [
      r.id,
      r.unitName ?? '',
      names.get(r.reviewerId) ?? '',
      r.total,
      r.verdict ?? '',
      r.vetoed ? '是' : '否',
      labelOf(REVIEW_STATUS, r.status),
      r.updatedAt,
    ]),
  ];
  return { fileName: `${campaign.year}年度${NAMES.reviews}.csv`, bytes: withBom(rows), rows: reviews.length };
}
