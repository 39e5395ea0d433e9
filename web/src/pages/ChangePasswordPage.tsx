import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN } from '@opsdesk/contract';
import { useChangePassword, useLogout, useMe } from '../api/session.ts';
import { applyFieldErrors } from '../lib/formErrors.ts';
import { useNotifyError } from '../lib/useErrorText.ts';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

const FIELDS = ['currentPassword', 'newPassword'] as const;

/** react-router keeps its history index in history.state; 0 means this page was opened directly. */
const canGoBack = () => ((window.history.state as { idx?: number } | null)?.idx ?? 0) > 0;

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('password.title'));
  const { message } = App.useApp();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const logout = useLogout();
  const notifyError = useNotifyError();
  const forced = me.mustChangePassword;

  const onFinish = ({ currentPassword, newPassword }: Values) => {
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          void message.success(t('password.changed'));
          void navigate('/', { replace: true });
        },
        onError: (err) => {
          // WRONG_PASSWORD / WEAK_PASSWORD name their field; anything else is a toast.
          if (!applyFieldErrors(form, err, FIELDS)) notifyError(err);
        },
      },
    );
  };

  return (
    <Card style={forced ? undefined : { maxWidth: 480 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {forced ? t('password.forcedTitle') : t('password.title')}
      </Typography.Title>
      {forced ? <Typography.Paragraph>{t('password.forcedHint')}</Typography.Paragraph> : null}
      <Alert type="info" showIcon title={t('password.rules')} style={{ marginBottom: 16 }} />
      <Form<Values> name="password" form={form} layout="vertical" onFinish={onFinish} disabled={change.isPending}>
        <Form.Item
          name="currentPassword"
          label={forced ? t('password.currentForced') : t('password.current')}
          rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('password.new') }) },
            { min: PASSWORD_MIN, message: t('password.tooShort') },
            {
              validator: (_, value: string | undefined) =>
                !value || (/[A-Za-z]/.test(value) && /\d/.test(value))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.needLetterDigit'))),
            },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value !== getFieldValue('currentPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.sameAsOld'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required', { field: t('password.confirm') }) },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
          {forced ? (
            <Button onClick={() => logout.mutate()}>
              {t('user.logout')}
            </Button>
          ) : (
            <Button onClick={() => void (canGoBack() ? navigate(-1) : navigate('/'))}>{t('common.back')}</Button>
          )}
        </Space>
      </Form>
    </Card>
  );
}
