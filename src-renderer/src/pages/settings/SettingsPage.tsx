import { Card, Descriptions, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { transport } from '../../api/client';
import { useOp } from '../../api/useOp';
import { AuditLog } from '../audit/AuditLog';
import { BackupPanel } from './BackupPanel';
import { DataCheck } from './DataCheck';
import { IntakeLimits } from './IntakeLimits';
import { MailAccount } from './MailAccount';
import { ReviewersEditor } from './ReviewersEditor';
import { ReviewDayPanel } from './ReviewDayPanel';
import { SectorsEditor } from './SectorsEditor';
import { TAB_EVENT, TAB_KEY } from './openSettings';

export function SettingsPage() {
  const info = useOp('app.info', undefined, []);
  const [tab, setTab] = useState(() => {
    const asked = sessionStorage.getItem(TAB_KEY);
    sessionStorage.removeItem(TAB_KEY);
    return asked ?? 'sectors';
  });
  useEffect(() => {
    const switchTab = (event: Event) => {
      sessionStorage.removeItem(TAB_KEY);
      setTab((event as CustomEvent<string>).detail);
    };
    window.addEventListener(TAB_EVENT, switchTab);
    return () => window.removeEventListener(TAB_EVENT, switchTab);
  }, []);
  return (
    <div className="desk-page">
      <div className="desk-page-header">
        <h2>设置</h2>
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'sectors', label: '系统 / 条线', children: <SectorsEditor /> },
          { key: 'mail', label: '邮箱', children: <MailAccount /> },
          { key: 'intake', label: '收件限制', children: <IntakeLimits /> },
          { key: 'reviewers', label: '评审人', children: <ReviewersEditor /> },
          { key: 'reviewDay', label: '集中评审', children: <ReviewDayPanel /> },
          { key: 'backup', label: '备份与恢复', children: <BackupPanel /> },
          { key: 'check', label: '数据检查', children: <DataCheck /> },
          { key: 'audit', label: '操作记录', children: <AuditLog /> },
          {
            key: 'data',
            label: '数据文件夹',
            children: (
              <Card>
                <Descriptions column={1} bordered size="small">
                  <Descriptions.Item label="数据文件夹">
                    <Typography.Text copyable>{info.data?.dataDir}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label="数据库文件">
                    <Typography.Text copyable>{info.data?.dbFile}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label="运行方式">
                    {transport === 'desktop' ? '桌面版' : '浏览器模式（仅本机 127.0.0.1 访问）'}
                  </Descriptions.Item>
                  <Descriptions.Item label="版本">{info.data?.version}</Descriptions.Item>
                </Descriptions>
                <Typography.Paragraph className="desk-muted" style={{ marginTop: 12, marginBottom: 0 }}>
                  桌面版、浏览器模式和命令行 desk 默认共用这个文件夹。启动时加上 --data 文件夹 或设置环境变量
                  COMMITTEE_DESK_DATA 可以改用其他文件夹。
                </Typography.Paragraph>
              </Card>
            ),
          },
        ]}
      />
    </div>
  );
}
