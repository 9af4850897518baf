import { Input, Modal } from 'antd';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useAction } from '../../util/useAction';

export interface ReturnTarget {
  submissionId: number;
  reviewerId: number;
  title: string;
  /** The version the office is looking at (退回 only sends back what it saw). */
  basedOn?: number;
}

/** 退回重评: a submitted review goes back to its reviewer with the reason, which they see in their queue. */
export function ReturnDialog({ target, onClose }: { target: ReturnTarget | null; onClose: () => void }) {
  const act = useAction();
  const [reason, setReason] = useState('');
  return (
    <Modal
      open={!!target}
      title={`退回重评：${target?.title ?? ''}`}
      okText="退回" // vocabulary: the act of sending back, not the status
      okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
      onCancel={onClose}
      onOk={() =>
        void act(
          () =>
            desk.reviews.return({
              submissionId: target!.submissionId,
              reviewerId: target!.reviewerId,
              basedOn: target!.basedOn,
              reason,
            }),
          '已退回，评审人会在自己的列表中看到“退回”和原因',
        ).then((r) => {
          if (r) {
            onClose();
            setReason('');
          }
        })
      }
      destroyOnHidden
    >
      <Input.TextArea
        rows={3}
        placeholder="退回原因（评审人会看到）"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label="退回原因"
      />
    </Modal>
  );
}
