import type { ReactNode } from 'react';
import { Layout, theme } from 'antd';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Brand } from './Brand.tsx';

/** The frame around sign-in and the forced password change: brand, language, one card. */
export function AuthFrame({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <header style={{ display: 'flex', alignItems: 'center', padding: '12px 16px' }}>
        <Brand />
        <div style={{ flex: 1 }} />
        <LanguageSwitch />
      </header>
      <main style={{ flex: 1, display: 'flex', justifyContent: 'center', alignItems: 'flex-start', padding: '5vh 12px 24px' }}>
        <div style={{ width: '100%', maxWidth: 420 }}>{children}</div>
      </main>
    </Layout>
  );
}
