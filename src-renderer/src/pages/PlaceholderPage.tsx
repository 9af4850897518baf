import { ExportOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { navigate } from '../shell/route';

const TEXT = {
  export: {
    icon: <ExportOutlined />,
    title: '统计导出即将上线',
    body: '这里将生成年度统计表（Excel）和表彰名单（PDF）。现在已经可以在“集体名册”中把名册导出为 Excel。',
  },
} as const;

export function PlaceholderPage({ which }: { which: keyof typeof TEXT }) {
  const t = TEXT[which];
  return (
    <div className="desk-page" style={{ justifyContent: 'center' }}>
      <Result
        icon={<span style={{ fontSize: 64, color: '#c8102e' }}>{t.icon}</span>}
        title={t.title}
        subTitle={<div style={{ maxWidth: 560, margin: '0 auto' }}>{t.body}</div>}
        extra={[
          <Button key="roster" type="primary" onClick={() => navigate('roster')}>
            打开集体名册
          </Button>,
          <Button key="campaigns" onClick={() => navigate('campaigns')}>
            查看年度工作
          </Button>,
        ]}
      />
    </div>
  );
}
