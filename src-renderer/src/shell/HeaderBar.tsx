import { Layout } from 'antd';
import type { ReactNode } from 'react';

/** The red bar across the top of every window: the app's name, then whatever the shell puts beside it. */
export function HeaderBar({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <Layout.Header
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 16,
        background: '#a50e24',
        paddingInline: 20,
        height: 52,
        lineHeight: '52px',
      }}
    >
      <div style={{ color: '#fff', fontSize: 18, fontWeight: 600, letterSpacing: 2, whiteSpace: 'nowrap' }}>
        {title}
      </div>
      {subtitle && <div style={{ color: 'rgba(255,255,255,.75)', fontSize: 13, whiteSpace: 'nowrap' }}>{subtitle}</div>}
      <div style={{ flex: 1 }} />
      {children}
    </Layout.Header>
  );
}
