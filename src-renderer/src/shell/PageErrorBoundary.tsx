import { Button, Result } from 'antd';
import { Component, type ReactNode } from 'react';

/** A page that fails to render shows a way back instead of a blank window or a stack trace. */
export class PageErrorBoundary extends Component<{ children: ReactNode; page: string }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.error('[renderer] page failed to render', error);
  }

  override componentDidUpdate(previous: { page: string }): void {
    if (previous.page !== this.props.page && this.state.failed) this.setState({ failed: false });
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return (
      <Result
        status="warning"
        title="这个页面出了点问题"
        subTitle="数据没有受到影响。请重新加载页面；如果反复出现，请把情况告诉技术支持。"
        extra={
          <Button type="primary" onClick={() => location.reload()}>
            重新加载
          </Button>
        }
      />
    );
  }
}
