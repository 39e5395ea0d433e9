import { useState } from 'react';
import { Alert, App, Descriptions, Form, Input, Modal, Radio, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TCalendarDay } from '@opsdesk/contract';
import { useClearOverride, useSetOverride } from '../../../api/calendar.ts';
import { applyFieldErrors } from '../../../lib/formErrors.ts';
import { useErrorText } from '../../../lib/useErrorText.ts';
import { KIND_LABEL, officialKind, weekdayKey } from './dayKind.ts';

type Choice = 'official' | 'off' | 'work';
interface Values {
  choice: Choice;
  name?: string;
}

/** Keyed by date by the caller, so every opening starts from that day's current setting. */
export function DayOverrideModal({ day, onClose }: { day: TCalendarDay; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const setOverride = useSetOverride();
  const clearOverride = useClearOverride();
  const [error, setError] = useState<string | null>(null);
  const choice = Form.useWatch('choice', form);
  const official = officialKind(day);
  const initial: Values = {
    choice: day.override ? (day.override.working ? 'work' : 'off') : 'official',
    name: day.override?.name ?? undefined,
  };
  const busy = setOverride.isPending || clearOverride.isPending;

  const save = async (values: Values) => {
    setError(null);
    try {
      if (values.choice === 'official') {
        if (day.override) await clearOverride.mutateAsync(day.date);
      } else {
        await setOverride.mutateAsync({ date: day.date, body: { working: values.choice === 'work', name: values.name } });
      }
      void message.success(t('calendar.overrideSaved', { date: day.date }));
      onClose();
    } catch (err) {
      if (!applyFieldErrors(form, err, ['name'])) setError(errorText(err));
    }
  };

  return (
    <Modal
      open
      title={t('calendar.overrideTitle', { date: day.date, weekday: t(weekdayKey(day.weekday)) })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('calendar.officialLabel')}>
          <Space size={4} wrap>
            {day.officialName ? t('common.withNote', { text: t(KIND_LABEL[official]), note: day.officialName }) : t(KIND_LABEL[official])}
            {day.provisional ? <Tag color="orange">{t('calendar.provisional')}</Tag> : null}
          </Space>
        </Descriptions.Item>
        {day.override ? (
          <Descriptions.Item label={t('calendar.currentOverride')}>
            {day.override.name
              ? t('common.withNote', { text: t(day.override.working ? 'calendar.kind.companyWorkday' : 'calendar.kind.companyHoliday'), note: day.override.name })
              : t(day.override.working ? 'calendar.kind.companyWorkday' : 'calendar.kind.companyHoliday')}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} requiredMark>
        <Form.Item name="choice" label={t('calendar.overrideChoice')} rules={[{ required: true }]}>
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="official">{t('calendar.choiceOfficial', { kind: t(KIND_LABEL[official]) })}</Radio>
              {/* Only the opposite of the official schedule is an override worth keeping. */}
              <Radio value="off" disabled={!day.officialWorking}>
                {t('calendar.choiceOff')}
              </Radio>
              <Radio value="work" disabled={day.officialWorking}>
                {t('calendar.choiceWork')}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {choice === 'off' || choice === 'work' ? (
          <Form.Item name="name" label={t('calendar.overrideName')} extra={t('calendar.overrideNameHelp')} rules={[{ max: 50 }]}>
            <Input maxLength={50} placeholder={t(choice === 'off' ? 'calendar.overrideNameOff' : 'calendar.overrideNameWork')} />
          </Form.Item>
        ) : null}
      </Form>
      <Alert type="info" showIcon title={t('calendar.overrideHint')} />
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} /> : null}
    </Modal>
  );
}
