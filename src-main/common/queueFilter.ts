import type { QueueStatus } from './statuses';

/** What a reviewer narrows the queue to, and in which order it is walked. */
export interface QueueFilter {
  status: 'all' | 'disputed' | QueueStatus;
  late: boolean;
  incomplete: boolean;
  sectorName?: string;
  sort: 'sector' | 'name' | 'received' | 'status';
  /** Words the 工作总结 must contain; core narrows by them from the full-text index before this filter runs. */
  words?: string;
}

/** The fields of a queue row the filter reads. */
export interface FilterableRow {
  status: QueueStatus;
  disputed: boolean;
  late: boolean;
  completeness: string;
  sectorName: string | null;
  unitName: string;
  receivedAt: string;
}

const collator = new Intl.Collator('zh-CN-u-co-pinyin');
const STATUS_ORDER: Record<QueueStatus, number> = { returned: 0, todo: 1, started: 2, done: 3 };

/** The queue as the filter leaves it; 'sector' keeps the queue's own order (by sector, then roster). */
export function filterQueue<R extends FilterableRow>(rows: R[], filter: QueueFilter): R[] {
  const kept = rows.filter(
    (r) =>
      (filter.status === 'all' || (filter.status === 'disputed' ? r.disputed : r.status === filter.status)) &&
      (!filter.late || r.late) &&
      (!filter.incomplete || r.completeness === 'incomplete') &&
      (!filter.sectorName || r.sectorName === filter.sectorName),
  );
  if (filter.sort === 'name') return [...kept].sort((a, b) => collator.compare(a.unitName, b.unitName));
  if (filter.sort === 'received') return [...kept].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  if (filter.sort === 'status') return [...kept].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
  return kept;
}
