import { SendOutlined } from '@ant-design/icons';
import { Button, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { desk, DeskCallError, onDeskEvent, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';

/**
 * 通过办公室邮箱发送, after a look: one letter as it will go (any unit's, chosen), and the whole
 * recipient list with each unit's situation, before anything leaves the office.
 */
type Report = OpOutput<'remind.send'>;
type Line = { unitName: string; address: string; reply: string; outcome: '已发送' | '失败' | '可能已发送' };

/** Each letter's outcome, from a finished run or from the report a stopped run carries. */
function linesOf(report: Report): Line[] {
  return [
    ...report.sent.map((x) => ({ ...x, outcome: '已发送' as const })),
    ...report.failed.map((x) => ({ ...x, outcome: '失败' as const })),
    ...report.unsure.map((x) => ({ ...x, outcome: '可能已发送' as const })),
  ];
}

export function RemindPreview({ disabled, sender }: { disabled: boolean; sender: string }) {
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const preview = useOp('remind.preview', { unitId }, ['units', 'submissions', 'settings']);
  const [progress, setProgress] = useState<{ done: number; total: number; message: string } | null>(null);
  const [outcome, setOutcome] = useState<{ lines: Line[]; failedIds: number[]; stopped: string | null } | null>(null);
  useEffect(
    () =>
      onDeskEvent(
        (e) =>
          e.type === 'progress' &&
          e.operation === 'remind.send' &&
          setProgress({ done: e.done, total: e.total, message: e.message }),
      ),
    [],
  );
  const data = open ? preview.data : undefined;
  const reachable = data?.recipients.filter((r) => r.email) ?? [];
  // Sent one by one, each shown as it goes; a stop (login refused, server gone) still lists what each letter came to.
  const send = async (unitIds?: number[]) => {
    setOutcome(null);
    setProgress({ done: 0, total: unitIds?.length ?? reachable.length, message: '正在连接发信服务器……' });
    try {
      const report = await desk.remind.send(unitIds ? { unitIds } : {});
      setOutcome({ lines: linesOf(report), failedIds: report.failed.map((f) => f.unitId), stopped: null });
    } catch (e) {
      const report =
        e instanceof DeskCallError ? ((e.details as { report?: Report } | undefined)?.report ?? null) : null;
      setOutcome({
        lines: report ? linesOf(report) : [],
        failedIds: report?.failed.map((f) => f.unitId) ?? [],
        stopped: e instanceof DeskCallError ? e.message : '发送中断',
      });
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <Button
        type="primary"
        icon={<SendOutlined />}
        disabled={disabled}
        onClick={() => setOpen(true)}
        data-testid="remind-send"
      >
        通过办公室邮箱发送…
      </Button>
      <Modal
        open={open}
        width={860}
        title={outcome ? '发送结果' : '发送前预览'}
        onCancel={() => (setOpen(false), setOutcome(null))}
        footer={
          outcome ? (
            <Space>
              {outcome.failedIds.length > 0 && (
                <Button type="primary" onClick={() => void send(outcome.failedIds)} data-testid="remind-resend-failed">
                  重发失败的 {outcome.failedIds.length} 封
                </Button>
              )}
              <Button onClick={() => (setOpen(false), setOutcome(null))}>关闭</Button>
            </Space>
          ) : (
            <Space>
              <Button onClick={() => setOpen(false)} disabled={!!progress}>
                取消
              </Button>
              <Button
                type="primary"
                disabled={!reachable.length || !!progress}
                loading={!!progress}
                onClick={() => void send()}
              >
                发送 {reachable.length} 封
              </Button>
            </Space>
          )
        }
      >
        {progress && (
          <div data-testid="remind-progress">
            {progress.message}（{progress.done}/{progress.total}）
            <Progress
              percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 0}
              status="active"
            />
          </div>
        )}
        {outcome && (
          <Space orientation="vertical" style={{ width: '100%' }} data-testid="remind-outcome">
            {outcome.stopped && <Typography.Text type="danger">{outcome.stopped}</Typography.Text>}
            <Table
              size="small"
              rowKey={(l) => `${l.unitName}-${l.outcome}`}
              pagination={{ pageSize: 10, size: 'small' }}
              dataSource={outcome.lines}
              columns={[
                { title: '集体', dataIndex: 'unitName' },
                { title: '邮箱', dataIndex: 'address' },
                {
                  title: '结果',
                  dataIndex: 'outcome',
                  width: 110,
                  render: (o: Line['outcome']) => (
                    <Tag color={o === '已发送' ? 'green' : o === '失败' ? 'red' : 'orange'}>{o}</Tag>
                  ),
                },
                { title: '服务器答复', dataIndex: 'reply' },
              ]}
            />
            {outcome.lines.some((l) => l.outcome === '可能已发送') && (
              <Typography.Text type="warning">
                “可能已发送”的信已交给服务器但没有收到确认，程序不会自动重发，请向单位核实后再决定。
              </Typography.Text>
            )}
          </Space>
        )}
        {data && !outcome && !progress && (
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
                {
                  title: '邮箱',
                  dataIndex: 'email',
                  render: (v: string | null) =>
                    v ?? <Typography.Text type="warning">无邮箱，需电话联系</Typography.Text>,
                },
              ]}
            />
          </Space>
        )}
      </Modal>
    </>
  );
}
