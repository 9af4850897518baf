import { Alert, Button, Space, Table, Tag, Tooltip } from 'antd';
import type { IntakeResult } from './useIntake';
import { chinaTime, receivedFromLabel, StatusTag } from './labels';
import { COMPLETENESS, TIMING, UNCLAIMED } from '../../../../src-main/common/statuses';
import { TimingTag } from '../../components/TimingTag';

type Row = IntakeResult['sources'][number];

/** What became of each archive or e-mail of the last run, with a way forward for each. */
export function ResultTable({
  result,
  onOpen,
  onClaim,
}: {
  result: IntakeResult;
  onOpen: (submissionId: number) => void;
  onClaim: () => void;
}) {
  const t = result.totals;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={t.rejected || t.unmatched ? 'warning' : 'success'}
        showIcon
        title={`${result.cancelled ? `已取消：${result.notStarted} 份未导入。已完成的 ` : '本次共 '}${t.sources} 份：已收 ${t.imported}，待认领 ${t.unmatched}，重复 ${t.duplicate}，拒收 ${t.rejected}${t.skipped ? `，跳过 ${t.skipped} 封无附件邮件` : ''}；其中逾期 ${t.late}，材料不齐全 ${t.incomplete}。`}
        action={
          t.unmatched ? (
            <Button size="small" onClick={onClaim}>
              去认领
            </Button>
          ) : undefined
        }
      />
      <Table<Row>
        size="small"
        rowKey={(r, i) => `${r.source}-${i}`}
        dataSource={result.sources}
        pagination={result.sources.length > 50 ? { pageSize: 50 } : false}
        data-testid="intake-result"
        scroll={{ x: 1060 }}
        columns={[
          { title: '来源', dataIndex: 'source', ellipsis: true, width: 180, fixed: 'left' },
          { title: '状态', dataIndex: 'status', width: 66, render: (s: string) => <StatusTag status={s} /> },
          {
            title: '集体',
            width: 170,
            ellipsis: true,
            render: (_v, r) =>
              r.unit?.name ?? (r.status === 'unmatched' ? <span className="desk-muted">{UNCLAIMED}</span> : '—'),
          },
          {
            title: '匹配依据',
            width: 130,
            ellipsis: { showTitle: true },
            render: (_v, r) => (r.match ? `${r.match.reason}（${r.match.score}）` : '—'),
          },
          {
            title: '收到时间',
            width: 132,
            render: (_v, r) =>
              r.received_at ? (
                <Tooltip title={`依据：${receivedFromLabel(r.received_from ?? 'import')}`}>
                  {chinaTime(r.received_at)}
                </Tooltip>
              ) : (
                '—'
              ),
          },
          {
            title: TIMING.late,
            width: 58,
            render: (_v, r) => (r.late === undefined ? '—' : <TimingTag late={r.late} />),
          },
          {
            // The one column without a width takes what is left: the reasons are what staff read.
            title: '材料 / 说明',
            render: (_v, r) =>
              r.status === 'rejected' || r.status === 'duplicate' || r.status === 'skipped' ? (
                <span className={r.status === 'rejected' ? undefined : 'desk-muted'}>{r.message}</span>
              ) : r.completeness === 'complete' ? (
                <Tag color="green">{COMPLETENESS.complete}</Tag>
              ) : (
                (r.problems ?? []).map((p) => (
                  <Tag key={p.code} color="orange" style={{ whiteSpace: 'normal' }}>
                    {p.message}
                  </Tag>
                ))
              ),
          },
          {
            title: '',
            width: 60,
            render: (_v, r) =>
              r.submission_id ? (
                <Button type="link" size="small" onClick={() => onOpen(r.submission_id!)}>
                  查看
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
