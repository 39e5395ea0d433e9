import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TLoginRequest } from '@opsdesk/contract';
import { useLogin, useSession } from '../api/session.ts';
import { isApiError } from '../api/client.ts';
import { AuthFrame } from '../shell/AuthFrame.tsx';
import { CHANGE_PASSWORD_PATH } from '../shell/guards.tsx';
import { useErrorText } from '../lib/useErrorText.ts';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';

/** Only same-site paths: a crafted ?next= must not send people elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('login.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const login = useLogin();
  const errorText = useErrorText();
  const next = safeNext(params.get('next'));

  if (session && !login.isPending) {
    return <Navigate to={session.user.mustChangePassword ? CHANGE_PASSWORD_PATH : next} replace />;
  }

  const onFinish = (values: TLoginRequest) => {
    login.mutate(values, {
      onSuccess: (s) => void navigate(s.user.mustChangePassword ? CHANGE_PASSWORD_PATH : next, { replace: true }),
    });
  };

  const err = login.error;
  const locked = isApiError(err) && (err.code === 'ACCOUNT_LOCKED' || err.code === 'IP_LOCKED');

  return (
    <AuthFrame>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4 }}>
          {t('login.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {err ? (
          <Alert
            role="alert"
            showIcon
            type={locked ? 'warning' : 'error'}
            title={locked ? t('login.locked') : errorText(err)}
            description={locked ? `${errorText(err)} ${t('login.lockedHint')}` : undefined}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form<TLoginRequest> name="login" layout="vertical" requiredMark={false} onFinish={onFinish} disabled={login.isPending}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernamePlaceholder') }]}
          >
            <Input prefix={<UserOutlined />} placeholder={t('login.usernamePlaceholder')} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordPlaceholder') }]}>
            <Input.Password
              prefix={<LockOutlined />}
              placeholder={t('login.passwordPlaceholder')}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 13 }}>
          {t('login.forgot')}
        </Typography.Paragraph>
      </Card>
    </AuthFrame>
  );
}
