import { Button, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { desk, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';
import { chinaTime } from './labels';
import { UnitPicker } from './UnitPicker';

type Submission = OpOutput<'submissions.list'>[number];

/** 认领 one submission: pick the unit, then 认领. */
function ClaimCell({ submission }: { submission: Submission }) {
  const act = useAction();
  const [unitId, setUnitId] = useState<number | undefined>();
  return (
    <Space.Compact style={{ width: '100%' }}>
      <UnitPicker
        submissionId={submission.id}
        value={unitId}
        onChange={setUnitId}
        label={`为 ${submission.sourceLabel} 选择集体`}
      />
      <Button
        type="primary"
        disabled={!unitId}
        onClick={() =>
          void act(
            () => desk.submissions.assign({ submissionId: submission.id, unitId: unitId! }),
            (r) =>
              `已认领给“${r.submission.unitName}”${r.learned.length ? `，并记住别名：${r.learned.join('、')}` : ''}${r.refused.length ? `（“${r.refused[0]!.alias}”也会认成“${r.refused[0]!.unitName}”，未记为别名）` : ''}`,
          )
        }
      >
        认领
      </Button>
    </Space.Compact>
  );
}

/** 待认领: submissions no unit could be matched to with confidence; a person picks the unit once. */
export function ClaimQueue({ campaignYear, onOpen }: { campaignYear?: number; onOpen: (id: number) => void }) {
  const queue = useOp('submissions.list', { campaignYear, unclaimed: true }, ['submissions']);
  if (queue.data && queue.data.length === 0) return <Empty description="没有待认领的材料" />;
  return (
    <Table<Submission>
      size="small"
      rowKey="id"
      loading={queue.loading && !queue.data}
      dataSource={queue.data ?? []}
      pagination={false}
      data-testid="claim-queue"
      columns={[
        {
          title: '来源',
          dataIndex: 'sourceLabel',
          ellipsis: true,
          width: 260,
          render: (v: string, s) => <a onClick={() => onOpen(s.id)}>{v}</a>,
        },
        {
          title: '发件人 / 主题',
          ellipsis: true,
          render: (_v, s) => [s.senderName, s.senderAddress, s.subject].filter(Boolean).join(' · ') || '—',
        },
        { title: '收到时间', width: 140, render: (_v, s) => chinaTime(s.receivedAt) },
        { title: '文件', width: 70, render: (_v, s) => `${s.files.length} 个` },
        {
          title: '说明',
          width: 180,
          render: (_v, s) => (s.matchReason ? <Tag color="orange">{s.matchReason}</Tag> : <Tag>未认出</Tag>),
        },
        { title: '认领给', width: 380, render: (_v, s) => <ClaimCell submission={s} /> },
      ]}
    />
  );
}
