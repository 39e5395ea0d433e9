import { App, Button, Card, Checkbox, Col, DatePicker, Flex, Form, Input, Row, Space, Typography } from 'antd';
import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TMeetingDetail, TMinutes, TMinutesInput } from '@opsdesk/contract';
import { isApiError } from '../../api/client.ts';
import { useMinutesAction } from '../../api/meetings.ts';
import { DATE_FORMAT } from '../../lib/time.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { ConfirmDecision } from './ConfirmDecision.tsx';
import { FollowUpFields, ResolutionFields, type FollowUpRow, type ResolutionRow } from './ResolutionFields.tsx';
import { applyNestedErrors } from './formValues.ts';

interface ItemRow {
  agendaItemId: number;
  keyPoints?: string | null;
  disputes?: string | null;
  decision?: string | null;
  carryOver?: boolean;
  nextDate?: Dayjs | null;
}

interface Values {
  items: ItemRow[];
  discussion?: string | null;
  resolutions: ResolutionRow[];
  followUps: FollowUpRow[];
}

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format(DATE_FORMAT) : null);

/** Every agenda item gets a row, whether or not the draft has one yet. */
function initialValues(meeting: TMeetingDetail, minutes: TMinutes): Values {
  return {
    items: meeting.agenda.map((a) => {
      const m = minutes.items.find((x) => x.agendaItemId === a.id);
      return {
        agendaItemId: a.id,
        keyPoints: m?.keyPoints,
        disputes: m?.disputes,
        decision: m?.decision,
        carryOver: m?.carryOver ?? false,
        nextDate: m?.nextDate ? dayjs(m.nextDate) : null,
      };
    }),
    discussion: minutes.discussion,
    resolutions: minutes.resolutions.map((r) => ({
      id: r.id,
      content: r.content,
      deliverable: r.deliverable,
      ownerId: r.owner.id,
      ownerName: r.owner.name,
      dueDate: dayjs(r.dueDate),
      agendaItemId: r.agendaItemId,
    })),
    followUps: minutes.followUps.map((f) => ({ text: f.text, ownerId: f.owner?.id ?? null, ownerName: f.owner?.name, dueDate: f.dueDate ? dayjs(f.dueDate) : null })),
  };
}

function toInput(v: Values, version: number): TMinutesInput {
  return {
    items: v.items.map((i) => ({
      agendaItemId: i.agendaItemId,
      keyPoints: text(i.keyPoints),
      disputes: text(i.disputes),
      decision: text(i.decision),
      carryOver: Boolean(i.carryOver),
      nextDate: i.carryOver ? day(i.nextDate) : null,
    })),
    discussion: text(v.discussion),
    resolutions: (v.resolutions ?? []).map((r) => ({
      id: r.id,
      content: r.content?.trim() ?? '',
      deliverable: r.deliverable?.trim() ?? '',
      ownerId: r.ownerId ?? 0,
      dueDate: day(r.dueDate) ?? '',
      agendaItemId: r.agendaItemId ?? null,
    })),
    followUps: (v.followUps ?? []).map((f) => ({ text: f.text?.trim() ?? '', ownerId: f.ownerId ?? null, dueDate: day(f.dueDate) })),
    version,
  };
}

const FIELDS = ['items', 'discussion', 'resolutions', 'followUps'] as const;

/** The minute-taker's draft (MTG-8/9/10/11): per agenda item, then resolutions and follow-ups; saved whole. */
export function MinutesEditor({ meeting, minutes, isMobile, onStale }: { meeting: TMeetingDetail; minutes: TMinutes; isMobile: boolean; onStale: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const action = useMinutesAction(meeting.id);
  const items = (Form.useWatch('items', form) ?? []) as ItemRow[];

  const save = async (): Promise<boolean> => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return false;
    }
    try {
      await action.mutateAsync({ kind: 'save', body: toInput(values, minutes.version) });
      return true;
    } catch (err) {
      if (isApiError(err) && err.code === 'CONFLICT') {
        void message.warning(t('meetings.minutes.staleVersion'));
        onStale();
      } else if (!applyNestedErrors(form, err, FIELDS)) {
        notifyError(err);
      }
      return false;
    }
  };
  const saveDraft = async () => {
    if (await save()) void message.success(t('meetings.minutes.saved'));
  };
  // Submitting saves first: what the host reviews is what is on screen.
  const submit = () =>
    modal.confirm({
      title: t('meetings.minutes.submit'),
      content: t('meetings.minutes.submitConfirm', { host: meeting.host.name }),
      onOk: async () => {
        if (!(await save())) return;
        try {
          await action.mutateAsync({ kind: 'submit' });
          void message.success(t('meetings.minutes.submitted'));
        } catch (err) {
          notifyError(err);
        }
      },
    });

  return (
    <Form<Values> form={form} layout="vertical" initialValues={initialValues(meeting, minutes)} scrollToFirstError>
      <Flex vertical gap={12}>
        {meeting.agenda.map((a, i) => {
          const saved = minutes.items.find((x) => x.agendaItemId === a.id);
          const row = items[i];
          const changed = saved?.decisionConfirmed && text(row?.decision) !== saved.decision;
          return (
            <Card
              key={a.id}
              size="small"
              title={t('meetings.minutes.item', { index: i + 1, title: a.title })}
              extra={saved ? <ConfirmDecision meeting={meeting} item={saved} /> : null}
              data-testid="minutes-item"
            >
              {a.goal ? <Typography.Paragraph type="secondary">{t('meetings.minutes.itemGoal', { goal: a.goal })}</Typography.Paragraph> : null}
              <Form.Item name={['items', i, 'agendaItemId']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} md={12}>
                  <Form.Item name={['items', i, 'keyPoints']} label={t('meetings.minutes.keyPoints')}>
                    <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('meetings.minutes.keyPointsPlaceholder')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={['items', i, 'disputes']} label={t('meetings.minutes.disputes')}>
                    <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('meetings.minutes.disputesPlaceholder')} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={['items', i, 'decision']} label={t('meetings.minutes.decision')} extra={changed ? t('meetings.minutes.decisionChanged') : undefined}>
                <Input.TextArea maxLength={2000} autoSize={{ minRows: 1, maxRows: 6 }} placeholder={t('meetings.minutes.decisionPlaceholder')} />
              </Form.Item>
              <Space wrap align="start">
                <Form.Item name={['items', i, 'carryOver']} valuePropName="checked" style={{ marginBottom: 0 }}>
                  <Checkbox>{t('meetings.minutes.carryOver')}</Checkbox>
                </Form.Item>
                {row?.carryOver ? (
                  <Form.Item
                    name={['items', i, 'nextDate']}
                    label={isMobile ? t('meetings.minutes.nextDate') : undefined}
                    rules={[{ required: true, message: t('common.requiredSelect', { field: t('meetings.minutes.nextDate') }) }]}
                    style={{ marginBottom: 0 }}
                  >
                    <DatePicker placeholder={t('meetings.minutes.nextDate')} />
                  </Form.Item>
                ) : null}
              </Space>
            </Card>
          );
        })}
        <Form.Item name="discussion" label={t('meetings.minutes.discussion')}>
          <Input.TextArea maxLength={10000} autoSize={{ minRows: 2, maxRows: 8 }} placeholder={t('meetings.minutes.discussionPlaceholder')} />
        </Form.Item>
        <Card size="small" title={t('meetings.resolutions.title')}>
          <ResolutionFields agenda={meeting.agenda} isMobile={isMobile} />
        </Card>
        <Card size="small" title={t('meetings.minutes.followUps')}>
          <FollowUpFields isMobile={isMobile} />
        </Card>
        <div className="od-mtg-form-footer">
          <Space wrap>
            <Button icon={<SaveOutlined />} loading={action.isPending} onClick={() => void saveDraft()}>
              {t('meetings.minutes.save')}
            </Button>
            <Button type="primary" icon={<SendOutlined />} loading={action.isPending} onClick={submit}>
              {t('meetings.minutes.submit')}
            </Button>
          </Space>
        </div>
      </Flex>
    </Form>
  );
}
