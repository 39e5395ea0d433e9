import { App, Form, Input, Modal, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { BOT_KINDS, type TBotKind, type TDeliveryChannel } from '@opsdesk/contract';
import { useSaveChannel } from '../../../api/delivery.ts';
import { DepartmentSelect } from '../../../components/DepartmentSelect.tsx';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { useNotifyError } from '../../../lib/useErrorText.ts';

interface Values {
  departmentId?: number | null;
  kind?: TBotKind;
  name?: string;
  webhookUrl?: string;
  signingSecret?: string;
  enabled?: boolean;
}
const FIELDS = ['departmentId', 'kind', 'name', 'webhookUrl', 'signingSecret', 'enabled'] as const;

/** The secret is write-only: editing shows 已设置 and keeps it unless a new one is typed. */
export function ChannelFormModal({ channel, onClose }: { channel: TDeliveryChannel | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveChannel();
  const notifyError = useNotifyError();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });

  const submit = async () => {
    const v = await form.validateFields();
    const secret = v.signingSecret?.trim() || undefined;
    // The stored webhook comes back masked: it changes only when a new one is typed.
    const url = v.webhookUrl?.trim() || undefined;
    const base = { departmentId: v.departmentId ?? 0, name: v.name ?? '', enabled: v.enabled ?? true };
    const arg = channel
      ? { id: channel.id, body: { ...base, ...(url ? { webhookUrl: url } : {}), ...(secret ? { signingSecret: secret } : {}) } }
      : { id: null, body: { ...base, kind: v.kind ?? 'dingtalk', webhookUrl: url ?? '', signingSecret: secret ?? null } };
    save.mutate(arg, {
      onSuccess: () => {
        void message.success(t('prefs.saved'));
        onClose();
      },
      onError: (err) => {
        if (!applyFieldErrors(form, err, FIELDS)) notifyError(err);
      },
    });
  };

  return (
    <Modal
      open
      title={channel ? t('delivery.editTitle') : t('delivery.add')}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          channel
            ? { departmentId: channel.departmentId, kind: channel.kind, name: channel.name, webhookUrl: '', enabled: channel.enabled }
            : { kind: 'dingtalk', enabled: true }
        }
      >
        <Form.Item name="departmentId" label={t('delivery.department')} rules={[{ required: true, message: t('common.required', { field: t('delivery.department') }) }]}>
          <DepartmentSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="kind" label={t('delivery.kind')} rules={[{ required: true }]}>
          <Select disabled={!!channel} options={BOT_KINDS.map((k) => ({ value: k, label: t(`delivery.kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('delivery.name')} rules={[required(t('delivery.name')), { max: 64 }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item
          name="webhookUrl"
          label={t('delivery.webhookUrl')}
          rules={channel ? [] : [required(t('delivery.webhookUrl'))]}
          extra={channel ? `${channel.webhookUrl} · ${t('delivery.secretKeep')}` : undefined}
        >
          <Input placeholder="https://oapi.dingtalk.com/robot/send?access_token=…" />
        </Form.Item>
        <Form.Item
          name="signingSecret"
          label={t('delivery.signingSecret')}
          extra={channel?.signingSecretSet ? `${t('delivery.secretSet')} · ${t('delivery.secretKeep')}` : t('delivery.secretHint')}
        >
          <Input.Password autoComplete="new-password" placeholder={channel?.signingSecretSet ? t('delivery.secretSet') : undefined} />
        </Form.Item>
        <Form.Item name="enabled" label={t('delivery.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
