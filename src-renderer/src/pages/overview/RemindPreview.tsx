import { SendOutlined } from '@ant-design/icons';
import { Button, Modal, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';

/**
 * 通过办公室邮箱发送, after a look: one letter as it will go (any unit's, chosen), and the whole
 * recipient list with each unit's situation, before anything leaves the office.
 */
export function RemindPreview({ disabled, sender }: { disabled: boolean; sender: string }) {
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const preview = useOp('remind.preview', { unitId }, ['units', 'submissions', 'settings']);
  const act = useAction();
  const data = open ? preview.data : undefined;
  const reachable = data?.recipients.filter((r) => r.email) ?? [];
  const send = () =>
    void act(
      () => desk.remind.send({}),
      (r) =>
        `已发送 ${r.sent.length} 封${r.failed.length ? `，失败 ${r.failed.length} 封（${r.failed.map((f) => `${f.unitName}：${f.reply}`).join('；')}）` : ''}${r.unsure.length ? `，可能已发送 ${r.unsure.length} 封（连接中断，未自动重发，请核实：${r.unsure.map((u) => u.unitName).join('、')}）` : ''}${r.skipped.length ? `，今天已提醒或可能已发送而跳过 ${r.skipped.length} 个` : ''}`,
    ).then((r) => r && setOpen(false));
  return (
    <>
      <Button type="primary" icon={<SendOutlined />} disabled={disabled} onClick={() => setOpen(true)} data-testid="remind-send">
        通过办公室邮箱发送…
      </Button>
      <Modal open={open} width={860} title="发送前预览" okText={`发送 ${reachable.length} 封`} cancelText="取消" onCancel={() => setOpen(false)} onOk={send} okButtonProps={{ disabled: !reachable.length }}>
        {data && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="remind-preview">
            <Typography.Text>
              从 {sender} 逐个发送，每封间隔 2 秒；今天已提醒过的不再发送。每个集体只收到写给它自己的信。
            </Typography.Text>
            <Space>
              <span>预览写给</span>
              <Select
                style={{ width: 320 }}
                value={data.letter?.unitId}
                onChange={setUnitId}
                options={data.recipients.map((r) => ({ value: r.unitId, label: `${r.unitName}（${r.situation}）` }))}
                showSearch={{ optionFilterProp: 'label' }}
                aria-label="预览写给哪个集体"
              />
            </Space>
            {data.letter && (
              <div className="desk-card" style={{ padding: 12, whiteSpace: 'pre-wrap' }} data-testid="remind-letter">
                <div>
                  <b>收件人：</b>
                  {data.letter.to ?? '（没有邮箱，需电话联系）'}
                </div>
                <div>
                  <b>主题：</b>
                  {data.letter.subject}
                </div>
                <div style={{ marginTop: 8 }}>{data.letter.text}</div>
              </div>
            )}
            <Table
              size="small"
              rowKey="unitId"
              pagination={{ pageSize: 8, size: 'small' }}
              dataSource={data.recipients}
              columns={[
                { title: '集体', dataIndex: 'unitName' },
                { title: '情况', dataIndex: 'situation', width: 140 },
                { title: '邮箱', dataIndex: 'email', render: (v: string | null) => v ?? <Typography.Text type="warning">无邮箱，需电话联系</Typography.Text> },
              ]}
            />
          </Space>
        )}
      </Modal>
    </>
  );
}
