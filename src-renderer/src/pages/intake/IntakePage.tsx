import { FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Badge, Button, Progress, Select, Space, Tabs, Tag, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useOp } from '../../api/useOp';
import { ClaimQueue } from './ClaimQueue';
import { formatBytes } from './labels';
import { ResultTable } from './ResultTable';
import { SubmissionDrawer } from './SubmissionDrawer';
import { IntakeHistory } from './IntakeHistory';
import { MailFetch } from './MailFetch';
import { openSettings } from '../settings/openSettings';
import { SubmissionsTable } from './SubmissionsTable';
import { useIntake } from './useIntake';
import { InterruptedBatch } from './InterruptedBatch';
import { SummarySearch } from '../search/SummarySearch';

/** Collects the files of one pick or drop (antd calls beforeUpload once per file) and runs them together. */
function batch(onBatch: (files: File[]) => void) {
  return (file: File, list: File[]) => {
    if ((file as unknown as UploadFile).uid === (list.at(-1) as unknown as UploadFile | undefined)?.uid) onBatch(list);
    return false;
  };
}

export function IntakePage() {
  const { run, cancel, progress, result, show } = useIntake();
  const [tab, setTab] = useState('intake');
  const [open, setOpen] = useState<number | null>(null);
  const unclaimed = useOp('submissions.list', { unclaimed: true }, ['submissions']);
  const current = useOp('campaigns.current', undefined, ['campaigns']);
  const all = useOp('campaigns.list', undefined, ['campaigns']);
  // Which year the material is filed into: the current one unless the clerk picks another (a late 补充 for last year).
  const [year, setYear] = useState<number | undefined>(undefined);
  const into = all.data?.find((c) => c.year === year) ?? current.data;
  const busy = progress !== null;

  const start = (files: File[]) => {
    setTab('intake');
    void run(files, year);
  };

  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>收件</h2>
        {into && (
          <span className="desk-muted" data-testid="intake-year">
            收入：
            <Select
              size="small"
              value={into.year}
              onChange={(y: number) => setYear(y === current.data?.year ? undefined : y)}
              options={(all.data ?? []).map((c) => ({
                value: c.year,
                label: `${c.year}年度${c.isCurrent ? '（当前）' : ''}`,
              }))}
              style={{ width: 150 }}
              aria-label="收入哪个年度"
              disabled={busy}
            />{' '}
            年度工作（截止 {into.deadline}）{year !== undefined && <Tag color="orange">不是当前年度</Tag>}
          </span>
        )}
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'intake',
            label: '导入材料',
            children: (
              <Space orientation="vertical" style={{ width: '100%' }} size={12}>
                {!busy && <InterruptedBatch />}
                <MailFetch disabled={busy} onResult={show} onSetUp={() => openSettings('mail')} campaignYear={year} />
                <div data-testid="intake-drop">
                  <Upload.Dragger multiple showUploadList={false} disabled={busy} beforeUpload={batch(start)}>
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">
                      把各单位发来的压缩包（ZIP、RAR、7z）、邮件（.eml）或材料文件拖到这里，或点击选择
                    </p>
                    <p className="ant-upload-hint">
                      可一次选择多个。自动识别单位、检查材料是否齐全和是否逾期；乱码文件名、压缩炸弹、加密或损坏的压缩包会被拦下并说明原因。
                    </p>
                  </Upload.Dragger>
                </div>
                <Upload directory showUploadList={false} disabled={busy} beforeUpload={batch(start)}>
                  <Button icon={<FolderOpenOutlined />} disabled={busy}>
                    选择文件夹（每个子文件夹算一份材料）
                  </Button>
                </Upload>
                {progress && (
                  <div className="desk-card" style={{ padding: 12 }} data-testid="intake-progress">
                    <Button size="small" style={{ float: 'right' }} onClick={cancel}>
                      取消
                    </Button>
                    <div style={{ marginBottom: 4 }}>
                      {progress.phase === 'upload'
                        ? `正在上传 ${progress.done + 1}/${progress.total}：${progress.current}（${formatBytes(progress.loaded ?? 0)} / ${formatBytes(progress.bytes ?? 0)}）`
                        : `${progress.current}（第 ${Math.min(progress.done + 1, progress.total)}/${progress.total} 份${progress.bytes ? `，${formatBytes(progress.loaded ?? 0)} / ${formatBytes(progress.bytes)}` : ''}）`}
                    </div>
                    <Progress
                      status="active"
                      percent={Math.round(
                        progress.phase === 'upload'
                          ? ((progress.loaded ?? 0) / Math.max(progress.bytes ?? 1, 1)) * 100
                          : (progress.done / Math.max(progress.total, 1)) * 100,
                      )}
                    />
                  </div>
                )}
                {result && <ResultTable result={result} onOpen={setOpen} onClaim={() => setTab('claim')} />}
              </Space>
            ),
          },
          {
            key: 'claim',
            label: (
              <Badge count={unclaimed.data?.length ?? 0} size="small" offset={[8, -2]}>
                待认领
              </Badge>
            ),
            children: <ClaimQueue onOpen={setOpen} />,
          },
          { key: 'received', label: '已收材料', children: <SubmissionsTable onOpen={setOpen} /> },
          { key: 'history', label: '收件记录', children: <IntakeHistory /> },
          { key: 'search', label: '全文检索', children: <SummarySearch onOpen={setOpen} /> },
        ]}
      />
      <SubmissionDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
