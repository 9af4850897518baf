import { Checkbox, List, Segmented, Space, Tag } from 'antd';
import type { OpOutput } from '../../api/client';

export type QueueRow = OpOutput<'reviews.queue'>[number];
export interface QueueFilter {
  status: '全部' | '待评' | '评审中' | '已评' | '退回';
  late: boolean;
  incomplete: boolean;
}

export function filterQueue(rows: QueueRow[], filter: QueueFilter): QueueRow[] {
  return rows.filter((r) => (filter.status === '全部' || r.status === filter.status) && (!filter.late || r.late) && (!filter.incomplete || r.completeness === 'incomplete'));
}

const STATUS_COLOR: Record<string, string> = { 待评: 'default', 评审中: 'gold', 已评: 'green', 退回: 'red' };

/** The reviewer's queue: status, flags and own score per unit; conflicts shown, never hidden. */
export function ReviewQueue({ rows, selected, filter, onFilter, onSelect }: { rows: QueueRow[]; selected: number | null; filter: QueueFilter; onFilter: (f: QueueFilter) => void; onSelect: (id: number) => void }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: '100%', minHeight: 0 }}>
      <Segmented size="small" value={filter.status} onChange={(v) => onFilter({ ...filter, status: v as QueueFilter['status'] })} options={['全部', '待评', '评审中', '已评', '退回']} />
      <Space size={4}>
        <Checkbox checked={filter.late} onChange={(e) => onFilter({ ...filter, late: e.target.checked })}>
          逾期
        </Checkbox>
        <Checkbox checked={filter.incomplete} onChange={(e) => onFilter({ ...filter, incomplete: e.target.checked })}>
          不齐全
        </Checkbox>
      </Space>
      <div style={{ overflow: 'auto', flex: 1 }}>
        <List
          size="small"
          dataSource={rows}
          data-testid="review-queue"
          locale={{ emptyText: '没有符合条件的材料' }}
          renderItem={(r) => (
            <List.Item
              onClick={() => onSelect(r.submissionId)}
              style={{ cursor: 'pointer', background: r.submissionId === selected ? '#fff1f0' : undefined, paddingInline: 8, display: 'block' }}
            >
              <div style={{ fontWeight: r.submissionId === selected ? 600 : 400 }}>{r.unitName}</div>
              <Space size={4} wrap>
                <Tag color={STATUS_COLOR[r.status]}>{r.status}</Tag>
                {r.total !== null && r.status !== '待评' && <Tag>{r.total} 分</Tag>}
                {r.late && <Tag color="red">逾期</Tag>}
                {r.completeness === 'incomplete' && <Tag color="orange">不齐全</Tag>}
                {r.conflict && <Tag color="magenta">回避</Tag>}
                <span className="desk-muted" style={{ fontSize: 12 }}>{r.sectorName ?? ''}</span>
              </Space>
            </List.Item>
          )}
        />
      </div>
    </div>
  );
}
