import { Button, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';
import { ReturnDialog, type ReturnTarget } from '../review/ReturnDialog';
import { STATUS_COLOR } from '../review/ReviewQueue';
import { QUEUE_STATUS } from '../../../../src-main/common/statuses';

/**
 * One reviewer's assignments on the review day's board: 退回 a submitted review, or 改派 one not yet
 * submitted to another reviewer — without leaving the board.
 */
export function ReviewerWork({
  reviewerId,
  reviewerName,
  others,
}: {
  reviewerId: number;
  reviewerName: string;
  others: Array<{ reviewerId: number; reviewerName: string }>;
}) {
  const queue = useOp('reviews.queue', { reviewerId, assignedOnly: true }, ['reviews', 'submissions']);
  const act = useAction();
  const [returning, setReturning] = useState<ReturnTarget | null>(null);
  return (
    <>
      <Table
        size="small"
        rowKey="submissionId"
        loading={!queue.data}
        dataSource={queue.data ?? []}
        pagination={false}
        data-testid={`reviewer-work-${reviewerId}`}
        columns={[
          { title: '集体', dataIndex: 'unitName', ellipsis: true },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: keyof typeof QUEUE_STATUS) => <Tag color={STATUS_COLOR[s]}>{QUEUE_STATUS[s]}</Tag>,
          },
          {
            title: '',
            width: 260,
            render: (_v, row) =>
              row.status === 'done' ? (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    setReturning({
                      submissionId: row.submissionId,
                      reviewerId,
                      title: `${reviewerName} · ${row.unitName}`,
                      basedOn: row.version ?? undefined,
                    })
                  }
                >
                  退回重评
                </Button>
              ) : (
                <Space>
                  <span className="desk-muted">改派给</span>
                  <Select
                    size="small"
                    style={{ width: 140 }}
                    placeholder="选择评审人"
                    aria-label={`把 ${row.unitName} 改派给`}
                    options={others.map((o) => ({ value: o.reviewerId, label: o.reviewerName }))}
                    onChange={(to: number) =>
                      void act(
                        () =>
                          desk.reviews.reassign({
                            submissionId: row.submissionId,
                            fromReviewerId: reviewerId,
                            toReviewerId: to,
                          }),
                        `已把 ${row.unitName} 改派给${others.find((o) => o.reviewerId === to)?.reviewerName ?? ''}`,
                      )
                    }
                  />
                </Space>
              ),
          },
        ]}
      />
      <ReturnDialog target={returning} onClose={() => setReturning(null)} />
    </>
  );
}
