import { MedicineBoxOutlined, ToolOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { desk, type OpOutput } from '../../api/client';
import { JobProgress, useRunningJob } from '../../components/JobProgress';
import { useAction } from '../../util/useAction';
import { openSettings } from './openSettings';

type Report = OpOutput<'data.check'>;
type Check = Report['checks'][number];

const STATUS: Record<Check['status'], { label: string; color: string }> = {
  ok: { label: '正常', color: 'green' },
  fixed: { label: '已修复', color: 'blue' },
  problem: { label: '有问题', color: 'red' },
  skipped: { label: '未检查', color: 'default' },
};

/** 设置 → 数据检查: the same checks as `desk doctor`, with 修复 for what is safe to fix. */
export function DataCheck() {
  const act = useAction();
  const [report, setReport] = useState<Report | null>(null);
  const [running, setRunning] = useRunningJob(['data.check']);

  const check = async (repair: boolean, quick = false) => {
    setRunning({ operation: 'data.check', message: repair ? '正在检查并修复……' : '正在检查……' });
    const result = await act(() => desk.data.check({ repair, quick }), undefined, '数据检查失败');
    setRunning(null);
    if (result) setReport(result);
  };

  const repairable = report?.checks.some((c) => c.status === 'problem' && c.remedy === 'repair');
  return (
    <Card title="数据检查" data-testid="data-check">
      <Typography.Paragraph className="desk-muted">
        检查数据库是否完好、每份材料的文件是否齐全且内容未变、有没有多余的文件、评审总分是否与检查清单一致，以及中断的操作留下的锁和临时文件。检查只读取数据；“修复”只做安全的清理和重算，需要从备份恢复的会单独说明。
      </Typography.Paragraph>
      <Space wrap>
        <Button type="primary" icon={<MedicineBoxOutlined />} disabled={!!running} onClick={() => void check(false)}>
          开始检查
        </Button>
        <Button disabled={!!running} onClick={() => void check(false, true)}>
          快速检查（不核对文件内容）
        </Button>
        <Button
          icon={<ToolOutlined />}
          disabled={!!running || (report !== null && !repairable)}
          onClick={() => void check(true)}
        >
          检查并修复
        </Button>
      </Space>
      {running && <JobProgress job={running} testId="data-check-progress" />}
      {report && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          {report.ok ? (
            <Alert
              type="success"
              showIcon
              title={report.repaired ? '检查完毕，发现的问题都已修复。' : '检查通过，数据完好。'}
            />
          ) : report.needsRestore ? (
            <Alert
              type="error"
              showIcon
              title="有问题只能从备份恢复"
              description="请在“备份与恢复”中选一份出问题之前的备份恢复（恢复前会自动保存现有数据，可以撤销）。"
              action={
                <Button size="small" onClick={() => openSettings('backup')}>
                  去恢复
                </Button>
              }
            />
          ) : (
            <Alert type="warning" showIcon title="发现可以安全修复的问题，点“检查并修复”即可。" />
          )}
          <Table<Check>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={report.checks}
            expandable={{
              rowExpandable: (c) => c.examples.length > 0,
              expandedRowRender: (c) => c.examples.map((e) => <div key={e}>{e}</div>),
            }}
            columns={[
              { title: '检查项', dataIndex: 'label', width: 260 },
              {
                title: '结果',
                dataIndex: 'status',
                width: 90,
                render: (s: Check['status']) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
              },
              { title: '说明', dataIndex: 'message' },
              {
                title: '处理',
                dataIndex: 'remedy',
                width: 110,
                render: (r: Check['remedy'], c) =>
                  c.status !== 'problem' ? '' : r === 'restore' ? '从备份恢复' : '可修复',
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
