import { Alert, Button, Descriptions, Space } from 'antd';
import { REVIEW_STATUS } from '../../../../src-main/common/statuses';
import { chinaTime } from '../intake/labels';
import type { Conflict } from './useReviewDraft';

function answered(answers: Conflict['mine']['answers']): number {
  return Object.values(answers).filter((a) => a.done !== undefined || a.vetoed !== undefined || a.count !== undefined)
    .length;
}

/**
 * A save refused because the review changed elsewhere since this page read it (another tab, the
 * office's 退回): the newer version beside what the reviewer typed, and their choice. Nothing is
 * written until they choose, and whichever they keep, both stay in 修改记录.
 */
export function ConflictPanel({
  conflict,
  onResolve,
}: {
  conflict: Conflict;
  onResolve: (keep: 'mine' | 'theirs') => void;
}) {
  const { theirs, mine } = conflict;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="review-conflict"
      title="这份评审已在别处改过，您的修改暂未保存"
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <span>另一个窗口或办公室（如退回）在您打开之后改过它。请对照后决定保留哪一份；两份都会留在修改记录中。</span>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="较新的版本">
              {REVIEW_STATUS[theirs.status]}，总分 {theirs.score.total}
              {theirs.updatedAt ? `，${chinaTime(theirs.updatedAt)}` : ''}
              {theirs.comment ? `；评语：${theirs.comment}` : '；无评语'}
            </Descriptions.Item>
            <Descriptions.Item label="您的内容">
              已评 {answered(mine.answers)} 项，加分 {mine.bonus ?? 0}，扣分 {mine.deduction ?? 0}
              {mine.comment ? `；评语：${mine.comment}` : '；无评语'}
            </Descriptions.Item>
          </Descriptions>
          <Space>
            <Button type="primary" onClick={() => onResolve('mine')}>
              保留我的内容
            </Button>
            <Button onClick={() => onResolve('theirs')}>采用较新的版本</Button>
          </Space>
        </Space>
      }
    />
  );
}
