import { Button, Popover, Space, Tag } from 'antd';
import type { OpOutput } from '../../api/client';
import type { ReturnTarget } from './ReturnDialog';

export type ResultRow = OpOutput<'reviews.resultsPage'>['rows'][number];

/**
 * 各评审人: one tag per review (score, 否决, 回避, 草稿/已退回, 材料有更新), each opening its 修改记录 or
 * 退回重评.
 */
export function ReviewerTags({
  row: r,
  normalise,
  menuFor,
  setMenuFor,
  onHistory: setHistory,
  onReturn: setReturning,
}: {
  row: ResultRow;
  normalise: boolean;
  menuFor: string | null;
  setMenuFor: (key: string | null) => void;
  onHistory: (target: ReturnTarget) => void;
  onReturn: (target: ReturnTarget) => void;
}) {
  return (
    <>
      {r.reviews.map((rv) => (
        <Popover
          key={rv.reviewerId}
          trigger="click"
          open={menuFor === `${r.submissionId}-${rv.reviewerId}`}
          onOpenChange={(open) => setMenuFor(open ? `${r.submissionId}-${rv.reviewerId}` : null)}
          content={
            <Space orientation="vertical">
              <Button
                size="small"
                onClick={() => (
                  setMenuFor(null),
                  setHistory({
                    submissionId: r.submissionId,
                    reviewerId: rv.reviewerId,
                    title: `${r.unitName} · ${rv.reviewerName}`,
                  })
                )}
              >
                修改记录
              </Button>
              {rv.status === 'submitted' && (
                <Button
                  size="small"
                  danger
                  onClick={() => (
                    setMenuFor(null),
                    setReturning({
                      submissionId: r.submissionId,
                      reviewerId: rv.reviewerId,
                      title: `${r.unitName} · ${rv.reviewerName}`,
                      basedOn: rv.version,
                    })
                  )}
                >
                  退回重评
                </Button>
              )}
            </Space>
          }
        >
          <Tag
            color={
              rv.excluded
                ? 'default'
                : rv.status === 'submitted'
                  ? 'blue'
                  : rv.status === 'returned'
                    ? 'red'
                    : undefined
            }
            style={{ cursor: 'pointer', ...(rv.excluded ? { textDecoration: 'line-through' } : {}) }}
          >
            {rv.reviewerName} {normalise && rv.normalised !== null ? `${rv.total}→${rv.normalised}` : rv.total}
            {rv.vetoed ? ' 否决' : ''}
            {rv.excluded
              ? '（回避，不计）'
              : rv.status === 'submitted'
                ? ''
                : rv.status === 'returned'
                  ? '（已退回）'
                  : '（草稿）'}
            {rv.materialChanged ? '（材料有更新）' : ''}
          </Tag>
        </Popover>
      ))}
    </>
  );
}
