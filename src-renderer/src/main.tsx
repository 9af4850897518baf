import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { queryClient } from './api/queries';
import { Root } from './shell/Root';
import './shell/global.css';

dayjs.locale('zh-cn');

createRoot(document.getElementById('root')!).render(
  <ConfigProvider
    locale={zhCN}
    button={{ autoInsertSpace: false }}
    theme={{
      token: {
        colorPrimary: '#c8102e',
        borderRadius: 4,
        fontFamily:
          '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
      },
    }}
  >
    <AntApp>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </AntApp>
  </ConfigProvider>,
);
