import { App, Button, Card, Checkbox, Descriptions, Form, Input, Skeleton, Space, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TNotificationPreferenceItem, TNotificationPreferencesUpdate } from '@opsdesk/contract';
import { useNotificationPreferences, useUpdatePreferences } from '../../api/delivery.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';

interface IdValues {
  wecomUserId?: string | null;
  feishuOpenId?: string | null;
}

/** ALL-2 通知设置: the events × channels matrix; in-app is always on. Each tick saves at once. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('prefs.title'));
  const { message } = App.useApp();
  const query = useNotificationPreferences();
  const update = useUpdatePreferences();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<IdValues>();

  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  const prefs = query.data;
  if (!prefs) return <Skeleton active paragraph={{ rows: 10 }} />;

  const save = (body: TNotificationPreferencesUpdate, onError = notifyError) =>
    update.mutate(body, { onSuccess: () => void message.success(t('prefs.saved')), onError });

  const cell = (row: TNotificationPreferenceItem, channel: 'email' | 'bot') => {
    const available = prefs[channel].available;
    const box = (
      <Checkbox
        aria-label={`${t(`prefs.events.${row.event}`)} · ${t(`prefs.${channel}`)}`}
        checked={available && row[channel]}
        disabled={!available || update.isPending}
        onChange={(e) => save({ items: [{ event: row.event, [channel]: e.target.checked }] })}
      />
    );
    return available ? box : <Tooltip title={t(channel === 'email' ? 'prefs.emailOff' : 'prefs.botOff')}>{box}</Tooltip>;
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title={t('prefs.title')}>
        <Typography.Paragraph type="secondary">{t('prefs.intro')}</Typography.Paragraph>
        <Table
          rowKey="event"
          size="middle"
          pagination={false}
          dataSource={prefs.items}
          columns={[
            { key: 'event', title: t('prefs.event'), render: (_, row) => t(`prefs.events.${row.event}`) },
            { key: 'inApp', title: t('prefs.inApp'), align: 'center', render: () => <Checkbox checked disabled aria-label={t('prefs.inApp')} /> },
            { key: 'email', title: t('prefs.email'), align: 'center', render: (_, row) => cell(row, 'email') },
            { key: 'bot', title: t('prefs.bot'), align: 'center', render: (_, row) => cell(row, 'bot') },
          ]}
        />
        <Descriptions size="small" column={1} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('prefs.email')}>
            {prefs.email.available ? t('prefs.emailTo', { address: prefs.email.address ?? '' }) : t('prefs.emailOff')}
          </Descriptions.Item>
          <Descriptions.Item label={t('prefs.bot')}>
            {prefs.bot.available
              ? t('prefs.botOf', { department: prefs.bot.departmentName ?? '', kinds: prefs.bot.kinds.map((k) => t(`delivery.kinds.${k}`)).join('、') })
              : t('prefs.botOff')}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('prefs.ids')}>
        <Typography.Paragraph type="secondary">{t('prefs.idsHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 480 }}
          initialValues={{ wecomUserId: prefs.wecomUserId ?? '', feishuOpenId: prefs.feishuOpenId ?? '' }}
          onFinish={(v) =>
            save({ wecomUserId: v.wecomUserId ?? null, feishuOpenId: v.feishuOpenId ?? null }, (err) => {
              if (!applyFieldErrors(form, err, ['wecomUserId', 'feishuOpenId'])) notifyError(err);
            })
          }
        >
          <Form.Item label={t('prefs.mobile')}>
            <Typography.Text>{prefs.mobile ?? t('prefs.noMobile')}</Typography.Text>
          </Form.Item>
          <Form.Item name="wecomUserId" label={t('prefs.wecomUserId')}>
            <Input maxLength={64} allowClear />
          </Form.Item>
          <Form.Item name="feishuOpenId" label={t('prefs.feishuOpenId')}>
            <Input maxLength={64} allowClear placeholder="ou_…" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
