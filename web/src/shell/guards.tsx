import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Button, Layout, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TRole } from '@opsdesk/contract';
import { useMe, useSession, wasSignedOutOnPurpose } from '../api/session.ts';
import { useErrorText } from '../lib/useErrorText.ts';

export const CHANGE_PASSWORD_PATH = '/change-password';

/** Signed-in area: no session → login (remembering where to come back); forced password → change it. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { data: session, isPending, error, refetch } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  const errorText = useErrorText();

  if (isPending) {
    return (
      <Layout style={{ minHeight: '100vh', padding: 24 }}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Layout>
    );
  }
  if (error) {
    return (
      <Result
        status="warning"
        title={errorText(error)}
        extra={<Button onClick={() => void refetch()}>{t('app.reload')}</Button>}
      />
    );
  }
  if (!session) {
    const next = location.pathname + location.search;
    const to = next === '/' || wasSignedOutOnPurpose() ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={to} replace />;
  }
  if (session.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return children;
}

export function RequireRole({ role, children }: { role: TRole; children: ReactNode }) {
  const me = useMe();
  if (!me.roles.includes(role)) return <Forbidden />;
  return children;
}

export function Forbidden() {
  const { t } = useTranslation();
  return <Result status="403" title={t('app.forbidden')} subTitle={t('app.forbiddenHint')} />;
}
