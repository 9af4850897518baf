import { Form, Input, Modal, Select } from 'antd';
import { desk } from '../../api/client';
import { NumberField } from '../../components/NumberField';
import { useAction } from '../../util/useAction';
import type { ResultRow as Row } from './ReviewerTags';

/** 改判: the office records the final verdict (and score) against the mean, with its reason. */
export function DecideDialog({ row, verdicts, onClose }: { row: Row | null; verdicts: string[]; onClose: () => void }) {
  const act = useAction();
  const [form] = Form.useForm<{ verdict: string; score: number | null; reason: string }>();
  const submit = async () => {
    // The row as it was when 记录改判 was pressed: the dialog may be closed before validation ends.
    const target = row;
    if (!target) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const done = await act(
      () =>
        desk.reviews.decide({
          submissionId: target.submissionId,
          basis: 'override',
          verdict: v.verdict,
          score: v.score,
          reason: v.reason,
          // What the office saw: a decision made meanwhile elsewhere is shown, not overwritten.
          basedOn: target.decision?.decidedAt ?? null,
        }),
      '已记录改判及理由',
    );
    if (done) onClose();
  };
  return (
    <Modal
      open={!!row}
      title={`改判：${row?.unitName ?? ''}`}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="记录改判"
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ verdict: row?.suggestedVerdict ?? verdicts[0], score: row?.mean ?? null, reason: '' }}
      >
        <Form.Item label="最终等次" name="verdict" rules={[{ required: true }]}>
          <Select options={verdicts.map((v) => ({ value: v, label: v }))} />
        </Form.Item>
        <Form.Item label="最终得分（选填）" name="score">
          <NumberField min={0} max={1000} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label="改判理由" name="reason" rules={[{ required: true, min: 2, message: '改判需要写明理由' }]}>
          <Input.TextArea rows={3} placeholder="如：经组委会讨论，认定其宣讲活动材料有效" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
