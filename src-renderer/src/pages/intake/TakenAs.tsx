import { Alert, Button, Input, List, Modal, Space } from 'antd';
import { useState } from 'react';
import { desk, type OpOutput } from '../../api/client';
import { useAction } from '../../util/useAction';
import { chinaTime } from './labels';

type Submission = OpOutput<'submissions.get'>;

/**
 * 补充 or 重新报送: what intake took a unit's later material as, why, and the clerk's switch. A 补充
 * joins the version before it (judged together); a 重新报送 is a version of its own. Reviews and
 * decisions stay either way, marked 材料有更新 / 需重新定级 where the material changed after them.
 */
export function TakenAs({ s, onOpen }: { s: Submission; onOpen: (id: number) => void }) {
  const act = useAction();
  const [asking, setAsking] = useState<'supplement' | 'version' | null>(null);
  const [reason, setReason] = useState('');
  if (s.unitId === null || s.deletedAt) return null;
  const isSupplement = s.supplementOf !== null;
  const hasEarlier = isSupplement || s.version > 1;
  if (!hasEarlier && !s.supplements.length) return null;
  const target = isSupplement ? 'version' : 'supplement';
  return (
    <>
      <Alert
        type="info"
        data-testid="taken-as"
        title={
          isSupplement ? (
            <>
              补充材料：已并入<a onClick={() => onOpen(s.supplementOf!)}>第 {s.version} 版</a>，与它一起判断齐全和按时
            </>
          ) : s.version > 1 ? (
            `重新报送：第 ${s.version} 版`
          ) : (
            `第 ${s.version} 版`
          )
        }
        description={
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {s.takenReason && <span>{s.takenReason}</span>}
            {s.supplements.length > 0 && (
              <List
                size="small"
                header={`并入本版的补充材料（${s.supplements.length}）`}
                dataSource={s.supplements}
                renderItem={(x) => (
                  <List.Item>
                    <a onClick={() => onOpen(x.id)}>
                      {chinaTime(x.receivedAt)} · {x.subject ?? x.sourceLabel}
                    </a>
                  </List.Item>
                )}
              />
            )}
            {hasEarlier && (
              <Button size="small" onClick={() => (setAsking(target), setReason(''))} data-testid="switch-taken-as">
                {isSupplement ? '改为重新报送（单独成为新版本）' : '改为补充材料（并入上一版）'}
              </Button>
            )}
          </Space>
        }
      />
      <Modal
        open={asking !== null}
        title={asking === 'supplement' ? '改为补充材料' : '改为重新报送'}
        okText="确定"
        cancelText="取消"
        okButtonProps={{ disabled: reason.trim().length < 2 }}
        onCancel={() => setAsking(null)}
        onOk={() =>
          void act(
            () => desk.submissions.takeAs({ submissionId: s.id, as: asking!, reason }),
            asking === 'supplement' ? '已改为补充材料' : '已改为重新报送',
          ).then(() => setAsking(null))
        }
      >
        <p>已有的评审和定级都会保留；材料变化之后作出的，会标出“材料有更新”或“需重新定级”。</p>
        <Input.TextArea
          autoFocus
          rows={2}
          placeholder="理由（必填）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          aria-label="理由"
        />
      </Modal>
    </>
  );
}
