import { App, Checkbox, Input, List, Pagination, Select, Space, Tag } from 'antd';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { OpOutput } from '../../api/client';
import type { QueueFilter } from '../../../../src-main/common/queueFilter';
import { MIN_PHRASE, termsOf } from '../../../../src-main/common/search';
import { COMPLETENESS, QUEUE_STATUS, type QueueStatus, TIMING } from '../../../../src-main/common/statuses';

export type QueueRow = OpOutput<'reviews.queuePage'>['rows'][number];
export type { QueueFilter };

const FILTERS: Array<{ value: QueueFilter['status']; label: string }> = [
  { value: 'all', label: '全部' },
  ...(Object.entries(QUEUE_STATUS) as Array<[QueueStatus, string]>).map(([value, label]) => ({ value, label })),
  { value: 'disputed', label: '有分歧' },
];

/** The queue status's colour, wherever a reviewer's status is shown (the queue, the review day's board). */
export const STATUS_COLOR: Record<QueueStatus, string> = {
  todo: 'default',
  started: 'gold',
  done: 'green',
  returned: 'red',
};

/** One row of the queue; redrawn only when its own data or whether it is selected changes. */
const QueueItem = memo(function QueueItem({
  row: r,
  selected,
  onSelect,
}: {
  row: QueueRow;
  selected: boolean;
  onSelect: (id: number) => void;
}) {
  // J/K (and a page turned by them) keep the selected row in view.
  const name = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) name.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  return (
    <List.Item
      onClick={() => onSelect(r.submissionId)}
      style={{ cursor: 'pointer', background: selected ? '#fff1f0' : undefined, paddingInline: 8, display: 'block' }}
    >
      <div ref={name} style={{ fontWeight: selected ? 600 : 400 }}>
        {r.unitName}
      </div>
      <Space size={4} wrap>
        <Tag color={STATUS_COLOR[r.status]}>{QUEUE_STATUS[r.status]}</Tag>
        {r.total !== null && r.status !== 'todo' && <Tag>{r.total} 分</Tag>}
        {r.late && <Tag color="red">{TIMING.late}</Tag>}
        {r.completeness === 'incomplete' && <Tag color="orange">{COMPLETENESS.incomplete}</Tag>}
        {r.conflict && <Tag color="magenta">回避</Tag>}
        {r.disputed && <Tag color="volcano">有分歧</Tag>}
        {r.materialChanged && <Tag color="purple">材料有更新</Tag>}
        <span className="desk-muted" style={{ fontSize: 12 }}>
          {r.sectorName ?? ''}
        </span>
      </Space>
    </List.Item>
  );
});

/** The filters above the queue: they do not change as the reviewer walks it. */
const QueueFilters = memo(function QueueFilters({
  sectorNames,
  filter,
  onFilter,
}: {
  sectorNames: string[];
  filter: QueueFilter;
  onFilter: (f: QueueFilter) => void;
}) {
  const sectors = useMemo(() => sectorNames.map((s) => ({ value: s, label: s })), [sectorNames]);
  const { message } = App.useApp();
  const byWords = (typed: string) => {
    const words = typed.trim();
    if (words && !termsOf(words).match) return void message.warning(`总结中的词至少要 ${MIN_PHRASE} 个字`);
    onFilter({ ...filter, words: words || undefined });
  };
  return (
    <>
      <Select
        size="small"
        value={filter.status}
        onChange={(v) => onFilter({ ...filter, status: v })}
        options={FILTERS.map((f) => ({ value: f.value, label: `状态：${f.label}` }))}
        aria-label="按状态筛选"
      />
      <Space.Compact size="small">
        <Select
          size="small"
          allowClear
          placeholder="全部系统"
          style={{ width: 130 }}
          value={filter.sectorName}
          onChange={(v) => onFilter({ ...filter, sectorName: v })}
          options={sectors}
          aria-label="按系统筛选"
        />
        <Select
          size="small"
          style={{ width: 110 }}
          value={filter.sort}
          onChange={(v) => onFilter({ ...filter, sort: v })}
          options={SORTS}
          aria-label="排序"
        />
      </Space.Compact>
      <Space size={4}>
        <Checkbox checked={filter.late} onChange={(e) => onFilter({ ...filter, late: e.target.checked })}>
          逾期
        </Checkbox>
        <Checkbox checked={filter.incomplete} onChange={(e) => onFilter({ ...filter, incomplete: e.target.checked })}>
          不齐全
        </Checkbox>
      </Space>
      <Input.Search
        size="small"
        allowClear
        placeholder="总结中含有…（至少三个字）"
        defaultValue={filter.words}
        onSearch={byWords}
        aria-label="按工作总结中的文字筛选"
        data-testid="queue-words"
      />
    </>
  );
});

const SORTS = [
  { value: 'sector', label: '按系统' },
  { value: 'name', label: '按名称' },
  { value: 'received', label: '按收到时间' },
  { value: 'status', label: '按状态' },
];

/** Where the queue's page stands: core sends one page of the filtered queue at a time. */
export interface QueuePaging {
  total: number;
  offset: number;
  pageSize: number;
  onPage: (offset: number) => void;
}

/** The reviewer's queue: status, flags and own score per unit; conflicts shown, never hidden. */
export function ReviewQueue({
  rows,
  sectors,
  paging,
  selected,
  filter,
  onFilter,
  onSelect,
}: {
  rows: QueueRow[];
  sectors: string[];
  paging: QueuePaging;
  selected: number | null;
  filter: QueueFilter;
  onFilter: (f: QueueFilter) => void;
  onSelect: (id: number) => void;
}) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: '100%', minHeight: 0 }}>
      <QueueFilters sectorNames={sectors} filter={filter} onFilter={onFilter} />
      <div style={{ overflow: 'auto', flex: 1 }}>
        <List
          size="small"
          dataSource={rows}
          data-testid="review-queue"
          locale={{ emptyText: '没有符合条件的材料' }}
          renderItem={(r) => (
            <QueueItem key={r.submissionId} row={r} selected={r.submissionId === selected} onSelect={onSelect} />
          )}
        />
      </div>
      {paging.total > paging.pageSize && (
        <Pagination
          size="small"
          simple
          // The column is 260 px wide: no page-size menu, the total in a few characters.
          showSizeChanger={false}
          current={Math.floor(paging.offset / paging.pageSize) + 1}
          pageSize={paging.pageSize}
          total={paging.total}
          onChange={(page) => paging.onPage((page - 1) * paging.pageSize)}
          showTotal={(n) => `共 ${n} 份`}
          data-testid="review-queue-pages"
        />
      )}
    </div>
  );
}
