import { MailOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Typography } from 'antd';
import { DateField } from '../../components/DateField';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { desk, onDeskEvent, type OpOutput } from '../../api/client';
import { useOp } from '../../api/useOp';
import { useAction } from '../../util/useAction';
import { formatBytes } from './labels';

export type MailResult = OpOutput<'mail.fetch'>;

interface FetchProgress {
  done: number;
  total: number;
  message: string;
  bytesDone?: number;
  bytesTotal?: number;
}

/** The campaign's window by default: its issue date to 30 days after its deadline. */
function defaultRange(
  campaign: { issuedOn: string | null; deadline: string; year: number } | undefined,
): [Dayjs, Dayjs] | null {
  if (!campaign) return null;
  return [dayjs(campaign.issuedOn ?? `${campaign.year}-01-01`), dayjs(campaign.deadline).add(30, 'day')];
}

/** 收件 → 从邮箱收取: reads the office mailbox (设置 → 邮箱) into the current campaign. */
export function MailFetch({
  onResult,
  disabled,
  onSetUp,
  campaignYear,
}: {
  onResult: (result: MailResult) => void;
  disabled: boolean;
  onSetUp: () => void;
  campaignYear?: number;
}) {
  const account = useOp('mail.account', undefined, ['settings']);
  const current = useOp('campaigns.current', undefined, ['campaigns']);
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [progress, setProgress] = useState<FetchProgress | null>(null);
  const act = useAction();
  const shown = range ?? defaultRange(current.data ?? undefined);

  useEffect(
    () =>
      onDeskEvent((event) => {
        if (event.type === 'progress' && event.operation === 'mail.fetch')
          setProgress({
            done: event.done,
            total: event.total,
            message: event.message,
            bytesDone: event.bytesDone,
            bytesTotal: event.bytesTotal,
          });
      }),
    [],
  );

  const [left, setLeft] = useState<string | null>(null);
  const fetch = async () => {
    setProgress({ done: 0, total: 0, message: '正在连接邮箱……' });
    const result = await act(
      () =>
        desk.mail.fetch({
          since: shown?.[0].format('YYYY-MM-DD'),
          until: shown?.[1].format('YYYY-MM-DD'),
          campaignYear,
        }),
      undefined,
      '收取失败',
    );
    setProgress(null);
    if (result) onResult(result);
    setLeft(result ? leftOver(result) : null);
  };

  if (!account.data) {
    return (
      <div className="desk-card" style={{ padding: 12 }} data-testid="mail-fetch">
        <MailOutlined /> 还没有设置办公室邮箱。设置后可以一键收取各单位发来的带附件邮件。{' '}
        <Button size="small" type="link" onClick={onSetUp}>
          去设置邮箱
        </Button>
      </div>
    );
  }
  const a = account.data;
  const percent =
    progress && progress.total
      ? Math.round(
          (progress.bytesTotal ? (progress.bytesDone ?? 0) / progress.bytesTotal : progress.done / progress.total) *
            100,
        )
      : 0;
  return (
    <div className="desk-card" style={{ padding: 12 }} data-testid="mail-fetch">
      <Space wrap>
        <MailOutlined />
        <span>
          邮箱 <Typography.Text strong>{a.user}</Typography.Text>（{a.folders.join('、')}）
        </span>
        <span>
          从{' '}
          <DateField
            value={shown?.[0] ?? null}
            onChange={(d) => d && shown && setRange([d, shown[1]])}
            allowClear={false}
            style={{ width: 150 }}
            aria-label="收取起始日期"
            disabled={!!progress}
          />{' '}
          到{' '}
          <DateField
            value={shown?.[1] ?? null}
            onChange={(d) => d && shown && setRange([shown[0], d])}
            allowClear={false}
            style={{ width: 150 }}
            aria-label="收取截止日期"
            disabled={!!progress}
          />
        </span>
        <Button
          type="primary"
          icon={<MailOutlined />}
          disabled={disabled || !!progress || !a.hasPassword}
          onClick={() => void fetch()}
        >
          从邮箱收取
        </Button>
        {!a.hasPassword && <span className="desk-muted">未保存授权码，请到“设置 → 邮箱”填写。</span>}
      </Space>
      {progress && (
        <div style={{ marginTop: 8 }} data-testid="mail-progress">
          <Button size="small" style={{ float: 'right' }} onClick={() => void act(() => desk.jobs.cancel({}))}>
            取消
          </Button>
          <div>
            {progress.message}
            {progress.total
              ? `（第 ${Math.min(progress.done + 1, progress.total)}/${progress.total} 封${progress.bytesTotal ? `，${formatBytes(progress.bytesDone ?? 0)} / ${formatBytes(progress.bytesTotal)}` : ''}）`
              : ''}
          </div>
          <Progress status="active" percent={percent} />
        </div>
      )}
      {left && (
        <div className="desk-muted" style={{ marginTop: 8 }} data-testid="mail-left">
          {left}
        </div>
      )}
    </div>
  );
}

/** What this fetch did not read, as counts: mail outside the dates, and other folders that hold mail. */
function leftOver(result: MailResult): string | null {
  const outside = result.folders.reduce((n, f) => n + f.outsideRange, 0);
  const already = result.folders.reduce((n, f) => n + f.alreadyIn, 0);
  const parts = [
    already ? `${already} 封以前已收取，未重复读取` : '',
    outside ? `所选日期范围以外还有 ${outside} 封（放宽日期后再收取即可读到）` : '',
    result.otherFolders.length
      ? `未读取的其他文件夹：${result.otherFolders.map((f) => `${f.folder} ${f.messages} 封`).join('、')}（如有单位来信被归到这里，可在“设置 → 邮箱”中加入该文件夹）`
      : '',
  ].filter(Boolean);
  return parts.length ? `${parts.join('；')}。` : null;
}
