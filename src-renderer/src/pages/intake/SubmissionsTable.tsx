import { Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { chinaTime } from './labels';

type Submission = OpOutput<'submissions.list'>[number];

/** The current submission of every unit that sent one, with the flags the office chases. */
export function SubmissionsTable({ campaignYear, onOpen }: { campaignYear?: number; onOpen: (id: number) => void }) {
  const list = useOp('submissions.list', { campaignYear, currentOnly: true }, ['submissions', 'units']);
  const [filter, setFilter] = useState<'all' | 'late' | 'incomplete'>('all');
  const rows = (list.data ?? []).filter((s) => s.unitId !== null && (filter === 'all' || (filter === 'late' ? s.late : s.completeness === 'incomplete')));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        options={[
          { value: 'all', label: '全部' },
          { value: 'late', label: '逾期' },
          { value: 'incomplete', label: '不齐全' },
        ]}
      />
      <Table<Submission>
        size="small"
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50 } : false}
        data-testid="submissions"
        columns={[
          { title: '集体', dataIndex: 'unitName', ellipsis: true, render: (v: string, s) => <a onClick={() => onOpen(s.id)}>{v}</a> },
          { title: '版本', dataIndex: 'version', width: 64, render: (v: number) => `第 ${v} 版` },
          { title: '收到时间', width: 150, render: (_v, s) => chinaTime(s.receivedAt) },
          { title: '逾期', width: 70, render: (_v, s) => (s.late ? <Tag color="red">逾期</Tag> : '按时') },
          {
            title: '材料',
            render: (_v, s) =>
              s.completeness === 'complete' ? <Tag color="green">齐全</Tag> : (s.problems as Array<{ message: string }>).map((p) => <Tag key={p.message} color="orange">{p.message}</Tag>),
          },
          { title: '总结 / 照片', width: 100, render: (_v, s) => `${s.files.filter((f) => f.kind === 'summary').length} / ${s.files.filter((f) => f.kind === 'photo').length}` },
          { title: '来源', dataIndex: 'sourceLabel', ellipsis: true, width: 220 },
        ]}
      />
    </Space>
  );
}
