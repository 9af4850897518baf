import { Button, Input, Modal, Space, Typography } from 'antd';
import { DateField } from '../../components/DateField';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useAction } from '../../util/useAction';
import { chinaTime } from './labels';

/** 更正收到时间: the office sets when a submission really came, with a reason kept in its history. */
export function ReceivedAtEditor({ submissionId, receivedAt }: { submissionId: number; receivedAt: string }) {
  const [open, setOpen] = useState(false);
  // Shown and typed in China time, whatever the machine's zone.
  const [when, setWhen] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const act = useAction();
  const start = () => {
    setWhen(dayjs(chinaTime(receivedAt), 'YYYY-MM-DD HH:mm'));
    setReason('');
    setOpen(true);
  };
  const save = async () => {
    if (!when) return;
    const iso = new Date(`${when.format('YYYY-MM-DDTHH:mm')}:00+08:00`).toISOString();
    const done = await act(
      () => desk.submissions.setReceivedAt({ submissionId, receivedAt: iso, reason }),
      '已更正收到时间',
    );
    if (done) setOpen(false);
  };
  return (
    <>
      <Button size="small" type="link" onClick={start}>
        更正
      </Button>
      <Modal
        title="更正收到时间"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText="保存"
        okButtonProps={{ disabled: !when || reason.trim().length < 2 }}
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            按北京时间填写。是否逾期会随之重新判断；原时间、新时间和理由记入这份材料的更正记录。
          </Typography.Text>
          <DateField
            withTime
            value={when}
            onChange={setWhen}
            allowClear={false}
            style={{ width: 220 }}
            aria-label="收到时间"
          />
          <Input.TextArea
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="理由（必填），如：邮件 10 月 31 日已到，附件 11 月 2 日才保存"
            autoSize={{ minRows: 2 }}
            aria-label="更正理由"
          />
        </Space>
      </Modal>
    </>
  );
}
