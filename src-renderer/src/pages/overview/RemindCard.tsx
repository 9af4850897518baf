import { FileExcelOutlined, FilePdfOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { RemindPreview } from './RemindPreview';
import { RemindTemplates } from './RemindTemplates';
import { chinaDay, chinaTimeLabel } from '../../../../src-main/common/chinaTime';
import { desk } from '../../api/client';
import { useOp } from '../../api/useOp';
import { monthDay } from '../../util/format';
import { useExport } from '../../util/useAction';
import { openSettings } from '../settings/openSettings';

/** The three days before the deadline, as 网易有数 sends its reminders: 10:00 on each. */
function rhythm(deadline: string): string[] {
  const end = Date.parse(`${deadline}T00:00:00Z`);
  return [2, 1, 0].map((d) => new Date(end - d * 86_400_000).toISOString().slice(0, 10));
}

/** 催报 on 概览: whom to chase, who has been reminded, and the three ways to do it. */
export function RemindCard() {
  const targets = useOp('remind.targets', {}, ['units', 'submissions']);
  const account = useOp('mail.account', undefined, ['settings']);
  const exportDoc = useExport();
  const data = targets.data;
  if (!data) return null;
  const list = data.targets;
  const today = chinaDay();
  const days = rhythm(data.deadline);
  const remindedToday = list.filter(
    (t) => t.lastReminder && chinaTimeLabel(t.lastReminder.at).startsWith(today) && t.lastReminder.status !== 'failed',
  ).length;
  const reminded = list.filter((t) => t.lastReminder && t.lastReminder.status !== 'failed').length;
  const withoutEmail = list.filter((t) => !t.email).length;
  const dueToday = days.includes(today);
  return (
    <Card size="small" title="催报" style={{ marginBottom: 12 }} data-testid="remind-card">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <div>
          需要催报 <b>{list.length}</b> 个集体（未报送 {list.filter((t) => t.situation === 'missing').length}
          ，材料被拒收 {list.filter((t) => t.situation === 'refused').length}，材料不齐全{' '}
          {list.filter((t) => t.situation === 'incomplete').length}，超大附件未能下载{' '}
          {list.filter((t) => t.situation === 'link').length}）；已提醒 {reminded} 个
          {remindedToday ? `（今天 ${remindedToday} 个）` : ''}
          {withoutEmail ? `，${withoutEmail} 个没有邮箱需电话联系` : ''}。
        </div>
        <Typography.Text className="desk-muted">
          建议节奏：截止前三天 {days.map(monthDay).join('、')} 每天 10:00 各提醒一次
          {dueToday ? '——今天正是其中一天。' : '。'}
          {days.map((d) => (
            <Tag key={d} color={d === today ? 'red' : undefined} style={{ marginLeft: 6 }}>
              {monthDay(d)} 10:00
            </Tag>
          ))}
        </Typography.Text>
        {!account.data && (
          <Alert
            type="info"
            showIcon
            title="还没有设置办公室邮箱：可以先生成草稿，用 Foxmail / Outlook 打开后发送。"
            action={
              <Button size="small" onClick={() => openSettings('mail')}>
                设置邮箱
              </Button>
            }
          />
        )}
        <Space wrap>
          <Button
            icon={<MailOutlined />}
            onClick={() =>
              void exportDoc(
                () => desk.remind.drafts({ per: 'unit' }),
                (r) => `已生成 ${r.drafts} 封提醒邮件草稿：${r.artifact.fileName}`,
              )
            }
            disabled={!list.length}
          >
            生成提醒邮件（每个集体一封）
          </Button>
          <Button
            onClick={() =>
              void exportDoc(
                () => desk.remind.drafts({ per: 'sector' }),
                (r) => `已生成 ${r.drafts} 封（按系统，集体在密送）：${r.artifact.fileName}`,
              )
            }
            disabled={!list.length}
          >
            按系统生成（密送，只写通用提醒）
          </Button>
          <RemindPreview disabled={!account.data || !list.length} sender={account.data?.user ?? '办公室邮箱'} />
          <RemindTemplates />
          <Button
            icon={<FilePdfOutlined />}
            onClick={() =>
              void exportDoc(
                () => desk.remind.phoneList({ format: 'pdf' }),
                (r) => `电话催报名单 ${r.units} 个：${r.artifact.fileName}`,
              )
            }
          >
            电话名单 PDF
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            onClick={() =>
              void exportDoc(
                () => desk.remind.phoneList({ format: 'xlsx' }),
                (r) => `电话催报名单 ${r.units} 个：${r.artifact.fileName}`,
              )
            }
          >
            Excel
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
