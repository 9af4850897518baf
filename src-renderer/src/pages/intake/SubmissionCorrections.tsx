import { Alert, Button, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { desk, type OpOutput } from '../../api/client';
import { useAction } from '../../util/useAction';
import { chinaTime } from './labels';
import { UnitPicker } from './UnitPicker';

type Submission = OpOutput<'submissions.get'>;

function ReasonField({
  value,
  onChange,
  placeholder,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
}) {
  return (
    <Input.TextArea
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={placeholder}
      autoSize={{ minRows: 2 }}
      aria-label="理由"
    />
  );
}

/** 改到其他集体: a submission matched (or claimed) to the wrong unit moves, with a reason in its history. */
function MoveButton({ s }: { s: Submission }) {
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const act = useAction();
  const save = async () => {
    const done = await act(
      () => desk.submissions.move({ submissionId: s.id, unitId: unitId!, reason }),
      (r) => `已改到“${r.submission.unitName}”（第 ${r.submission.version} 版）`,
    );
    if (done) setOpen(false);
  };
  return (
    <>
      <Button
        size="small"
        onClick={() => {
          setUnitId(undefined);
          setReason('');
          setOpen(true);
        }}
      >
        {s.unitId ? '改到其他集体' : '认领给…'}
      </Button>
      <Modal
        title={s.unitId ? '改到其他集体' : '认领给集体'}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText="保存"
        okButtonProps={{ disabled: !unitId || reason.trim().length < 2 }}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {s.unitId
              ? `现属“${s.unitName}”。改到的集体以这份材料为最新一版；原集体以其余最新一版为当前材料。`
              : '认领后记住压缩包名和发件地址，下次自动匹配。'}
          </Typography.Text>
          <UnitPicker submissionId={s.id} value={unitId} onChange={setUnitId} label="改到的集体" width={420} />
          <ReasonField
            value={reason}
            onChange={setReason}
            placeholder="理由（必填），如：实为二中的材料，误用一中的名称发送"
          />
        </Space>
      </Modal>
    </>
  );
}

/** 删除 (undoable): out of every list and count; the unit's earlier version is current again. */
function DeleteButton({ s }: { s: Submission }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const act = useAction();
  const save = async () => {
    const done = await act(
      () => desk.submissions.delete({ submissionId: s.id, reason }),
      '已删除；可在“已收材料 → 已删除”中恢复',
    );
    if (done) setOpen(false);
  };
  return (
    <>
      <Button
        size="small"
        danger
        onClick={() => {
          setReason('');
          setOpen(true);
        }}
      >
        删除
      </Button>
      <Modal
        title="删除这份材料"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText="删除"
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2 }}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            删除后，这份材料不再出现在收件、评审、汇总和导出中
            {s.unitId ? `；“${s.unitName}”的上一版（如有）重新成为当前材料` : ''}。文件和评审记录都保留，随时可以恢复。
          </Typography.Text>
          <ReasonField
            value={reason}
            onChange={setReason}
            placeholder="理由（必填），如：单位说这次发错了，以前一版为准"
          />
        </Space>
      </Modal>
    </>
  );
}

/** What the office can correct on one submission, or — once deleted — the way back. */
export function SubmissionCorrections({ s }: { s: Submission }) {
  const act = useAction();
  if (s.deletedAt) {
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="submission-deleted"
        title={`这份材料已于 ${chinaTime(s.deletedAt)} 删除，不计入任何列表和统计。`}
        action={
          <Button
            size="small"
            type="primary"
            onClick={() => void act(() => desk.submissions.restore({ submissionId: s.id }), '已恢复')}
          >
            恢复
          </Button>
        }
      />
    );
  }
  return (
    <Space data-testid="submission-corrections">
      <MoveButton s={s} />
      <DeleteButton s={s} />
    </Space>
  );
}
