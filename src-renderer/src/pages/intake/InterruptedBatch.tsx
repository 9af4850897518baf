import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';
import { INTAKE_STATUS, labelOf } from '../../../../src-main/common/statuses';
import { chinaTime } from './labels';

/**
 * What became of the last batch when the window that started it closed before it ended: cut off
 * during upload (nothing imported), cut off during import (what was stored, what was not), still
 * running, or finished unseen — shown once, until 知道了.
 */
export function InterruptedBatch() {
  const last = useOp('intake.lastBatch', undefined, ['submissions', 'settings']);
  const act = useAction();
  const b = last.data;
  if (!b) return null;
  const title =
    b.state === 'cut-upload'
      ? `上次 ${chinaTime(b.startedAt)} 开始的收件在上传时中断（页面被关闭），这 ${b.total} 份材料都没有导入，已上传的部分已清除。请重新拖入。`
      : b.state === 'cut-import'
        ? `上次 ${chinaTime(b.startedAt)} 开始的收件在导入时中断：${b.stored.length} 份已处理并保存，${b.notStored.length} 份没有导入，请重新拖入这些文件。`
        : b.state === 'running'
          ? `上次 ${chinaTime(b.startedAt)} 开始的收件仍在进行：已处理 ${b.stored.length} / ${b.total} 份。`
          : `上次 ${chinaTime(b.startedAt)} 开始的收件在页面关闭后${b.state === 'cancelled' ? '已取消' : '已完成'}：共处理 ${b.stored.length} 份。`;
  return (
    <Alert
      type={b.state === 'cut-upload' || b.state === 'cut-import' ? 'warning' : 'info'}
      showIcon
      data-testid="interrupted-batch"
      title={title}
      action={
        b.state !== 'running' && (
          <Button size="small" onClick={() => void act(() => desk.intake.acknowledgeBatch({ batchId: b.batchId }))}>
            知道了
          </Button>
        )
      }
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          {b.stored.length > 0 && (
            <List
              size="small"
              header="已处理"
              dataSource={b.stored.slice(0, 50)}
              renderItem={(s) => (
                <List.Item>
                  <Tag>{labelOf(INTAKE_STATUS, s.status)}</Tag> {s.source}
                  {s.unitName ? ` → ${s.unitName}` : ''}
                  {s.status === 'rejected' || s.status === 'duplicate' ? (
                    <Typography.Text type="secondary">（{s.message}）</Typography.Text>
                  ) : null}
                </List.Item>
              )}
            />
          )}
          {b.notStored.length > 0 && b.state !== 'running' && (
            <div data-testid="batch-not-stored">
              <Typography.Text strong>未导入：</Typography.Text>
              {b.notStored.slice(0, 50).join('、')}
              {b.notStored.length > 50 ? ` 等 ${b.notStored.length} 份` : ''}
            </div>
          )}
        </Space>
      }
    />
  );
}
