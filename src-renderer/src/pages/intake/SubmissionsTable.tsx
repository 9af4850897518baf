import { Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { chinaTime } from './labels';
import { COMPLETENESS, TIMING, UNCLAIMED } from '../../../../src-main/common/statuses';
import { TimingTag } from '../../components/TimingTag';
import { NO_READABLE_SUMMARY, nothingReadable } from '../../../../src-main/common/fileKinds';

type Submission = OpOutput<'submissions.page'>['rows'][number];

const PAGE_SIZE = 50;

/**
 * The current submission of every unit that sent one, with the flags the office chases — a page at
 * a time from core (25,000 submissions are never sent to the page at once).
 */
export function SubmissionsTable({ campaignYear, onOpen }: { campaignYear?: number; onOpen: (id: number) => void }) {
  const [filter, setFilter] = useState<'all' | 'late' | 'incomplete' | 'deleted'>('all');
  const [page, setPage] = useState(1);
  const list = useOp(
    'submissions.page',
    {
      campaignYear,
      // 已删除 lists every deleted one, claimed or not, current or not: that is where 恢复 starts.
      ...(filter === 'deleted'
        ? { deleted: true }
        : { claimed: true, currentOnly: true, ...(filter === 'all' ? {} : { flag: filter }) }),
      offset: (page - 1) * PAGE_SIZE,
      limit: PAGE_SIZE,
    },
    // `search`: a summary read in the background may turn out to have no words (没有可读的工作总结).
    ['submissions', 'units', 'search'],
  );
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        value={filter}
        onChange={(v) => {
          setFilter(v as typeof filter);
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          { value: 'late', label: TIMING.late },
          { value: 'incomplete', label: COMPLETENESS.incomplete },
          { value: 'deleted', label: '已删除' },
        ]}
      />
      <Table<Submission>
        size="small"
        rowKey="id"
        loading={list.loading && !list.data}
        dataSource={rows}
        pagination={
          total > PAGE_SIZE
            ? {
                current: page,
                pageSize: PAGE_SIZE,
                total,
                showSizeChanger: false,
                showTotal: (n) => `共 ${n} 份`,
                onChange: setPage,
              }
            : false
        }
        data-testid="submissions"
        columns={[
          {
            title: '集体',
            dataIndex: 'unitName',
            ellipsis: true,
            render: (v: string | null, s) => <a onClick={() => onOpen(s.id)}>{v ?? UNCLAIMED}</a>,
          },
          {
            title: '版本',
            dataIndex: 'version',
            width: 84,
            render: (v: number, s) =>
              s.supplementOf !== null ? <Tag color="blue">第 {v} 版的补充</Tag> : `第 ${v} 版`,
          },
          { title: '收到时间', width: 150, render: (_v, s) => chinaTime(s.receivedAt) },
          {
            title: TIMING.late,
            width: 80,
            render: (_v, s) =>
              s.supplementOf !== null ? '—' : <TimingTag late={s.late} completedLate={s.completedLate} />,
          },
          {
            title: '材料',
            // A 补充 is judged with the version it joined: its own files alone say nothing.
            render: (_v, s) =>
              s.supplementOf !== null ? (
                <span className="desk-muted">与第 {s.version} 版合并判断</span>
              ) : (
                <>
                  {s.completeness === 'complete' ? (
                    <Tag color="green">{COMPLETENESS.complete}</Tag>
                  ) : (
                    (s.problems as Array<{ message: string }>).map((p) => (
                      <Tag key={p.message} color="orange">
                        {p.message}
                      </Tag>
                    ))
                  )}
                  {nothingReadable(s.files) && (
                    <Tag color="red" data-testid="no-readable-summary">
                      {NO_READABLE_SUMMARY}
                    </Tag>
                  )}
                </>
              ),
          },
          {
            title: '总结 / 照片',
            width: 100,
            render: (_v, s) =>
              `${s.files.filter((f) => f.kind === 'summary').length} / ${s.files.filter((f) => f.kind === 'photo').length}`,
          },
          { title: '来源', dataIndex: 'sourceLabel', ellipsis: true, width: 220 },
        ]}
      />
    </Space>
  );
}
