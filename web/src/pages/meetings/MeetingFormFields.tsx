import { useEffect, useMemo } from 'react';
import { Alert, Col, DatePicker, Flex, Form, Input, Row, Select, TimePicker, Typography, type FormInstance } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail, TMeetingWarning } from '@opsdesk/contract';
import { useFreeRooms, useRooms } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { PeopleMultiSelect } from './PeopleMultiSelect.tsx';
import { instants, type MeetingFormValues } from './formValues.ts';
import { minutesBetween } from './when.ts';

/** Rule warnings (MTG-2/3/4) in the server's words, which say what to do. */
export function WarningList({ warnings, codes }: { warnings: readonly TMeetingWarning[]; codes: readonly TMeetingWarning['code'][] }) {
  const shown = warnings.filter((w) => codes.includes(w.code));
  if (shown.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      {shown.map((w) => (
        <Alert key={w.code} type="warning" showIcon title={w.message} data-testid={`warning-${w.code}`} />
      ))}
    </Flex>
  );
}

export function BasicFields() {
  const { t } = useTranslation();
  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <>
      <Form.Item name="topic" label={t('meetings.form.topic')} rules={[required(t('meetings.form.topic'))]}>
        <Input maxLength={200} placeholder={t('meetings.form.topicPlaceholder')} />
      </Form.Item>
      <Form.Item name="goal" label={t('meetings.form.goal')} rules={[required(t('meetings.form.goal'))]} extra={t('meetings.form.goalHelp')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 5 }} placeholder={t('meetings.form.goalPlaceholder')} />
      </Form.Item>
      <Form.Item name="remarks" label={t('meetings.form.remarks')} style={{ marginBottom: 0 }}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}

interface TimePlaceProps {
  form: FormInstance<MeetingFormValues>;
  meeting?: TMeetingDetail;
  warnings: readonly TMeetingWarning[];
  /** Changes after a refused booking: the free rooms are fetched again. */
  refreshKey: string | null;
}

/** Date, time, and a room among those free then (MTG-2), and/or the online meeting. */
export function TimePlaceFields({ form, meeting, warnings, refreshKey }: TimePlaceProps) {
  const { t } = useTranslation();
  const date = Form.useWatch('date', form);
  const time = Form.useWatch('time', form);
  const participants = Form.useWatch('participantIds', form) ?? [];
  const when = instants({ date, time });
  const free = useFreeRooms(when);
  const rooms = useRooms();
  const roomId = Form.useWatch('roomId', form);
  const { refetch } = free;
  useEffect(() => {
    if (refreshKey) void refetch();
  }, [refreshKey, refetch]);

  const options = useMemo(() => {
    const list = (free.data?.items ?? []).map(({ room }) => ({
      value: room.id,
      capacity: room.capacity,
      label:
        t('meetings.form.roomOption', { name: room.name, capacity: room.capacity, location: room.location ? ` · ${room.location}` : '' }) +
        (room.capacity < participants.length ? t('meetings.form.roomTooSmall', { capacity: room.capacity }) : ''),
    }));
    // The meeting's own room stays choosable: its own booking is not a conflict.
    if (meeting?.room && !list.some((o) => o.value === meeting.room?.id)) {
      list.unshift({ value: meeting.room.id, capacity: 0, label: meeting.room.name });
    }
    // A room asked for by a link (timeline, free-slot search) that is no longer free keeps its name and says so.
    const asked = rooms.data?.items.find((r) => r.id === roomId);
    if (asked && free.data && !list.some((o) => o.value === asked.id)) {
      list.unshift({ value: asked.id, capacity: asked.capacity, label: t('meetings.form.roomTaken', { name: asked.name }) });
    }
    return list;
  }, [free.data, meeting, participants.length, rooms.data, roomId, t]);

  const length = when ? minutesBetween(when.startsAt, when.endsAt) : null;
  const placeRule = {
    validator: async () => {
      const v = form.getFieldsValue(['roomId', 'onlineLink', 'onlineNumber']) as MeetingFormValues;
      if (!v.roomId && !v.onlineLink?.trim() && !v.onlineNumber?.trim()) throw new Error(t('meetings.form.placeRequired'));
    },
  };

  return (
    <>
      <WarningList warnings={warnings} codes={['non_working_day', 'notice_late', 'room_capacity']} />
      <Row gutter={16}>
        <Col xs={24} sm={10} md={8}>
          <Form.Item name="date" label={t('meetings.form.date')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('meetings.form.date') }) }]}>
            <DatePicker allowClear={false} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={14} md={10}>
          <Form.Item
            name="time"
            label={t('meetings.form.time')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('meetings.form.time') }) }]}
            extra={length && length > 0 ? t('meetings.durationMin', { count: length }) : undefined}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} order allowClear={false} style={{ width: '100%' }} placeholder={[t('meetings.form.startTime'), t('meetings.form.endTime')]} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="roomId"
        label={t('meetings.form.room')}
        dependencies={['onlineLink', 'onlineNumber']}
        rules={[placeRule]}
        extra={
          <Flex justify="space-between" wrap gap={8}>
            <span>{t('meetings.form.roomHelp')}</span>
            <Link to={`/meetings/rooms${date ? `?date=${date.format('YYYY-MM-DD')}` : ''}`} target="_blank">
              {t('meetings.form.viewTimeline')}
            </Link>
          </Flex>
        }
      >
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          loading={free.isFetching}
          options={options}
          disabled={!when}
          placeholder={when ? t('meetings.form.roomPlaceholder') : t('meetings.form.roomPickTimeFirst')}
          notFoundContent={<Typography.Text type="secondary">{t('meetings.form.roomNoneFree')}</Typography.Text>}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="onlineLink" label={t('meetings.form.onlineLink')} rules={[{ type: 'url', message: t('meetings.form.onlineLinkPlaceholder') }]}>
            <Input maxLength={500} placeholder={t('meetings.form.onlineLinkPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="onlineNumber" label={t('meetings.form.onlineNumber')}>
            <Input maxLength={120} placeholder={t('meetings.form.onlineNumberPlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** 主持人 · 记录人 · 联系人 · 参会人员 · 纪要抄送. */
export function PeopleFields({ meeting }: { meeting?: TMeetingDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const known = useMemo(() => {
    const map = new Map<number, string>([[me.id, me.name]]);
    for (const p of meeting?.participants ?? []) map.set(p.person.id, p.person.name);
    for (const p of meeting?.stakeholders ?? []) map.set(p.id, p.name);
    return map;
  }, [meeting, me.id, me.name]);
  const pick = (field: string) => [{ required: true, message: t('common.requiredSelect', { field }) }];
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="hostId" label={t('meetings.form.host')} rules={pick(t('meetings.form.host'))}>
            <PersonSelect initialLabel={meeting?.host.name ?? me.name} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="minuteTakerId" label={t('meetings.form.minuteTaker')} rules={pick(t('meetings.form.minuteTaker'))} tooltip={t('meetings.form.minuteTakerHelp')}>
            <PersonSelect initialLabel={meeting?.minuteTaker.name ?? me.name} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactId" label={t('meetings.form.contact')} rules={pick(t('meetings.form.contact'))}>
            <PersonSelect initialLabel={meeting?.contact.name ?? me.name} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="contactPhone" label={t('meetings.form.contactPhone')}>
            <Input maxLength={64} placeholder={t('meetings.form.contactPhonePlaceholder')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="participantIds"
        label={t('meetings.form.participants')}
        rules={[{ required: true, type: 'array', min: 1, message: t('common.requiredSelect', { field: t('meetings.form.participants') }) }]}
      >
        <PeopleMultiSelect known={known} placeholder={t('meetings.form.participantsPlaceholder')} />
      </Form.Item>
      <Form.Item name="stakeholderIds" label={t('meetings.form.stakeholders')} extra={t('meetings.form.stakeholdersHelp')} style={{ marginBottom: 0 }}>
        <PeopleMultiSelect known={known} />
      </Form.Item>
    </>
  );
}
