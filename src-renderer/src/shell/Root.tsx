import { Spin } from 'antd';
import { useOp } from '../api/useOp';
import { AppShell } from './AppShell';
import { ReviewDayShell } from './ReviewDayShell';

/** Whose page this is decides the shell: a reviewer's session on a review day, or the office's app. */
export function Root() {
  const info = useOp('app.info', undefined, []);
  const you = info.data?.you;
  // Nothing of the office's is asked for until it is known whose page this is.
  if (!info.data && !info.error) return <Spin size="large" fullscreen tip="正在打开…" />;
  return you?.kind === 'reviewer' ? <ReviewDayShell you={you} /> : <AppShell />;
}
