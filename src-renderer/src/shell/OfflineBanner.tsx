import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { onConnection } from '../api/client';

/**
 * Browser mode's server stopped (the program quit or restarts): said at once above every page, so
 * nobody keeps working on figures that no longer update. What is typed in a form stays in the page.
 */
export function OfflineBanner() {
  const [online, setOnline] = useState(true);
  useEffect(() => onConnection(setOnline), []);
  if (online) return null;
  return (
    <Alert
      banner
      type="error"
      data-testid="offline-banner"
      role="alert"
      // Over the header, not in the page's flow: the page below keeps its height and its scroll.
      style={{ position: 'fixed', top: 0, left: 0, right: 0, zIndex: 2000 }}
      title="与组委会工作台的连接已断开：程序可能已退出或正在重启，页面上的数据暂不更新。正在自动重连……已填写但未保存的内容仍留在本页，连上后再保存。"
    />
  );
}
