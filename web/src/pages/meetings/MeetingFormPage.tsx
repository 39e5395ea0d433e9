import { companyToday } from '../../lib/time.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Form, InputNumber, Result, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TMeetingCheckInput, TMeetingDetail } from '@opsdesk/contract';
import { isApiError } from '../../api/client.ts';
import { useCreateMeeting, useCreateSeries, useMeeting, useMeetingCheck, useUpdateMeeting } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useDebounced } from '../../lib/useDebounced.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { AgendaFields, MaterialFields } from './AgendaFields.tsx';
import { BasicFields, PeopleFields, TimePlaceFields } from './MeetingFormFields.tsx';
import { applyNestedErrors, fromDetail, toCheck, toInput, type MeetingFormValues } from './formValues.ts';
import { DATE_RE } from './when.ts';
import './meetings.css';

const FIELDS = [
  'topic',
  'goal',
  'remarks',
  'time',
  'date',
  'roomId',
  'onlineLink',
  'onlineNumber',
  'hostId',
  'minuteTakerId',
  'contactId',
  'contactPhone',
  'participantIds',
  'stakeholderIds',
  'agenda',
  'agendaReason',
  'materials',
] as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A new meeting's starting values: the slot picked on a calendar or timeline, me as host, contact and participant. */
function useNewValues(): MeetingFormValues {
  const me = useMe();
  const [params] = useSearchParams();
  return useMemo(() => {
    const date = params.get('date');
    const start = params.get('start');
    const end = params.get('end');
    const day = date && DATE_RE.test(date) ? date : dayjs(companyToday()).add(1, 'day').format('YYYY-MM-DD');
    const from = dayjs(`${day} ${start && HHMM.test(start) ? start : '14:00'}`);
    const to = end && HHMM.test(end) ? dayjs(`${day} ${end}`) : from.add(1, 'hour');
    return {
      date: dayjs(day),
      time: [from, to],
      roomId: Number(params.get('roomId')) || null,
      hostId: me.id,
      minuteTakerId: me.id,
      contactId: me.id,
      participantIds: [me.id],
      stakeholderIds: [],
      agenda: [{ durationMinutes: 30 }],
      materials: [],
      weekly: false,
      count: 4,
    };
  }, [params, me.id]);
}

function MeetingForm({ meeting }: { meeting?: TMeetingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<MeetingFormValues>();
  const fresh = useNewValues();
  const initial = useMemo(() => (meeting ? fromDetail(meeting) : fresh), [meeting, fresh]);
  const create = useCreateMeeting();
  const series = useCreateSeries();
  const update = useUpdateMeeting(meeting?.id ?? 0);
  const [conflict, setConflict] = useState<string | null>(null);
  const conflictRef = useRef<HTMLDivElement>(null);
  // The refusal is shown where the room is chosen, scrolled into view.
  useEffect(() => {
    if (conflict) conflictRef.current?.scrollIntoView({ block: 'start' });
  }, [conflict]);

  // The rule check (MTG-2/4) follows what is typed, a moment after typing stops.
  // Compared as text, so an unchanged form does not restart the wait on every render.
  const watched = Form.useWatch([], form) as MeetingFormValues | undefined;
  const checkText = useDebounced(watched ? JSON.stringify(toCheck(watched, meeting?.id)) : '', 500);
  const checkInput = useMemo(() => (checkText ? (JSON.parse(checkText) as TMeetingCheckInput) : null), [checkText]);
  const check = useMeetingCheck(checkInput);
  const warnings = check.data?.warnings ?? [];
  const weekly = Form.useWatch('weekly', form);
  const saving = create.isPending || series.isPending || update.isPending;

  const submit = async (values: MeetingFormValues) => {
    setConflict(null);
    const input = toInput(values);
    try {
      if (meeting) {
        const saved = await update.mutateAsync({ ...input, version: meeting.version });
        void message.success(saved.meeting.notice.sentAt ? t('meetings.form.savedUpdate') : t('meetings.form.saved'));
        void navigate(`/meetings/${saved.meeting.id}`);
      } else if (values.weekly) {
        const made = await series.mutateAsync({ meeting: input, frequency: 'weekly', count: values.count ?? 4 });
        void message.success(t('meetings.form.seriesCreated', { count: made.meetings.length }));
        const first = [...made.meetings].sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
        void navigate(first ? `/meetings/${first.id}` : '/meetings');
      } else {
        const saved = await create.mutateAsync(input);
        void message.success(t('meetings.form.created'));
        void navigate(`/meetings/${saved.meeting.id}`);
      }
    } catch (err) {
      // MTG-2: a double booking is refused by the database; say so by the room, with fresh free rooms.
      if (isApiError(err) && err.code === 'ROOM_TAKEN') {
        setConflict(err.message);
        form.setFields([{ name: 'roomId', errors: [err.message] }]);
        return;
      }
      if (!applyNestedErrors(form, err, FIELDS)) notifyError(err);
    }
  };

  return (
    <Form<MeetingFormValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => void submit(v)}
      onFinishFailed={({ errorFields }) => {
        const first = errorFields[0];
        if (first) form.scrollToField(first.name, { block: 'center' });
      }}
      scrollToFirstError
      className="od-mtg-form"
    >
      <Flex vertical gap={16}>
        <Card
          title={
            <Space>
              <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('common.back')} onClick={() => void navigate(meeting ? `/meetings/${meeting.id}` : '/meetings')} />
              {meeting ? t('meetings.form.editTitle') : t('meetings.form.createTitle')}
            </Space>
          }
        >
          <BasicFields />
        </Card>
        <Card title={t('meetings.form.sectionTime')} ref={conflictRef} style={{ scrollMarginTop: 72 }}>
          {conflict ? (
            <Alert type="error" showIcon title={t('meetings.form.conflictTitle')} description={t('meetings.form.conflictHint')} style={{ marginBottom: 16 }} data-testid="room-conflict" />
          ) : null}
          <TimePlaceFields form={form} meeting={meeting} warnings={warnings} refreshKey={conflict} />
          {meeting ? null : (
            <Flex gap={12} align="center" wrap>
              <Form.Item name="weekly" valuePropName="checked" style={{ marginBottom: 0 }} extra={t('meetings.form.seriesHelp')}>
                <Checkbox>{t('meetings.form.seriesWeekly')}</Checkbox>
              </Form.Item>
              {weekly ? (
                <Form.Item name="count" label={t('meetings.form.seriesCount')} style={{ marginBottom: 0 }}>
                  <InputNumber min={2} max={52} suffix={t('meetings.form.seriesCountSuffix')} style={{ width: 120 }} />
                </Form.Item>
              ) : null}
            </Flex>
          )}
        </Card>
        <Card title={t('meetings.form.sectionPeople')}>
          <PeopleFields meeting={meeting} />
        </Card>
        <Card title={t('meetings.form.sectionAgenda')}>
          <AgendaFields form={form} warnings={warnings} isMobile={isMobile} meeting={meeting} />
        </Card>
        <Card title={t('meetings.form.sectionMaterials')}>
          <MaterialFields meeting={meeting} isMobile={isMobile} />
        </Card>
        <div className="od-mtg-form-footer">
          <Space>
            <Button onClick={() => void navigate(meeting ? `/meetings/${meeting.id}` : '/meetings')}>{t('meetings.form.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              {meeting ? t('meetings.form.save') : t('meetings.form.saveCreate')}
            </Button>
          </Space>
        </div>
      </Flex>
    </Form>
  );
}

/** 新建会议 / 编辑会议 (MTG-1/2/4): one page, sections in the order of the 会议通知表. */
export default function MeetingFormPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id ?? 0);
  const query = useMeeting(id);
  useDocumentTitle(id ? t('meetings.form.editTitle') : t('meetings.form.createTitle'));
  if (!id) return <MeetingForm />;
  if (query.error) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (!query.data.permissions.canEdit) {
    return <Result status="warning" title={query.data.topic} subTitle={<Typography.Text>{t('app.forbidden')}</Typography.Text>} />;
  }
  return <MeetingForm meeting={query.data} />;
}
