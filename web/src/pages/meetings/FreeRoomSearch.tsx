import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Empty, Flex, Form, InputNumber, List, Segmented, Select, Space, Tag, TimePicker, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { ROOM_EQUIPMENT, type TRoom, type TRoomFreeQuery } from '@opsdesk/contract';
import { useFreeRooms } from '../../api/meetings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { DATE_FORMAT, companyToday } from '../../lib/time.ts';
import { EquipmentTags } from './RoomAdmin.tsx';
import { companyTime, inCompany } from './when.ts';

type Mode = 'day' | 'time';
interface Values {
  date: Dayjs;
  duration: number;
  time?: [Dayjs, Dayjs];
  minCapacity?: number;
  equipment?: string;
}

const DURATIONS = [
  { value: 30, key: 'm30' },
  { value: 60, key: 'm60' },
  { value: 90, key: 'm90' },
  { value: 120, key: 'm120' },
  { value: 180, key: 'm180' },
] as const;

/** Free-slot search (MTG-2): a day's free slots of a length, or the rooms free at a given time; by size and equipment. */
export function FreeRoomSearch({ isMobile }: { isMobile: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<Mode>('day');
  const [query, setQuery] = useState<TRoomFreeQuery | null>(null);
  const { data, error, refetch, isFetching } = useFreeRooms(query);

  const search = (v: Values) => {
    const date = v.date.format(DATE_FORMAT);
    const narrow = { minCapacity: v.minCapacity ?? undefined, equipment: v.equipment ?? undefined };
    if (mode === 'time' && v.time) {
      setQuery({
        startsAt: companyTime(date, v.time[0].format('HH:mm')).toISOString(),
        endsAt: companyTime(date, v.time[1].format('HH:mm')).toISOString(),
        ...narrow,
      });
    } else {
      setQuery({ date, durationMinutes: v.duration, ...narrow });
    }
  };
  const book = (room: TRoom, startsAt: string, endsAt?: string) => {
    const s = inCompany(startsAt);
    const end = endsAt ? inCompany(endsAt) : s.add(form.getFieldValue('duration') as number, 'minute');
    void navigate(`/meetings/new?roomId=${room.id}&date=${s.format(DATE_FORMAT)}&start=${s.format('HH:mm')}&end=${end.format('HH:mm')}`);
  };
  const equipmentOptions = ROOM_EQUIPMENT.map((e) => ({ value: e, label: t(`meetings.equipment.${e}`) }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Segmented<Mode>
        value={mode}
        onChange={setMode}
        options={[
          { value: 'day', label: t('meetings.rooms.freeByDay') },
          { value: 'time', label: t('meetings.rooms.freeByTime') },
        ]}
      />
      <Form<Values>
        form={form}
        layout={isMobile ? 'vertical' : 'inline'}
        initialValues={{ date: dayjs(companyToday()), duration: 60 }}
        onFinish={search}
        style={{ rowGap: 8 }}
      >
        <Form.Item name="date" label={t('meetings.rooms.freeDate')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        {mode === 'day' ? (
          <Form.Item name="duration" label={t('meetings.rooms.freeDuration')}>
            <Select style={{ width: 120 }} options={DURATIONS.map((d) => ({ value: d.value, label: t(`meetings.rooms.durations.${d.key}`) }))} />
          </Form.Item>
        ) : (
          <Form.Item
            name="time"
            label={t('meetings.rooms.freeTime')}
            rules={[{ required: true, message: t('common.requiredSelect', { field: t('meetings.rooms.freeTime') }) }]}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={15} order />
          </Form.Item>
        )}
        <Form.Item name="minCapacity" label={t('meetings.rooms.freePeople')}>
          <InputNumber min={1} max={1000} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="equipment" label={t('meetings.rooms.freeEquipment')}>
          <Select allowClear style={{ width: 150 }} options={equipmentOptions} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={isFetching}>
            {t('meetings.rooms.freeSearch')}
          </Button>
        </Form.Item>
      </Form>
      {error ? <LoadError error={error} onRetry={refetch} /> : null}
      {data?.nonWorkingDay ? (
        <Alert type="warning" showIcon title={t('meetings.rooms.nonWorkingDay', { date: form.getFieldValue('date')?.format(DATE_FORMAT) ?? '' })} />
      ) : null}
      {data && query ? (
        data.items.length === 0 ? (
          <Empty description={t('meetings.rooms.freeNone')}>
            <Typography.Text type="secondary">{t('meetings.rooms.freeNoneHint')}</Typography.Text>
          </Empty>
        ) : (
          <>
            <Typography.Text type="secondary">{t('meetings.rooms.freeResultCount', { count: data.items.length })}</Typography.Text>
            <List
              grid={{ gutter: 12, xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
              dataSource={data.items}
              renderItem={({ room, slots }) => (
                <List.Item>
                  <Card size="small" title={room.name} extra={t('meetings.rooms.seats', { count: room.capacity })} data-testid="free-room">
                    {room.location ? <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>{room.location}</Typography.Paragraph> : null}
                    <EquipmentTags equipment={room.equipment} />
                    {query.startsAt ? (
                      <Button type="primary" size="small" style={{ marginTop: 8 }} onClick={() => book(room, query.startsAt ?? '', query.endsAt)}>
                        {t('meetings.rooms.freeBook')}
                      </Button>
                    ) : (
                      <Flex vertical gap={4} style={{ marginTop: 8 }}>
                        <Typography.Text type="secondary">{t('meetings.rooms.freeSlots')}</Typography.Text>
                        <Flex gap={6} wrap>
                          {slots.map((s) => (
                            <Tag.CheckableTag key={s.startsAt} checked={false} onChange={() => book(room, s.startsAt)} className="od-free-slot">
                              {`${inCompany(s.startsAt).format('HH:mm')}–${inCompany(s.endsAt).format('HH:mm')}`}
                            </Tag.CheckableTag>
                          ))}
                        </Flex>
                      </Flex>
                    )}
                  </Card>
                </List.Item>
              )}
            />
          </>
        )
      ) : null}
    </Space>
  );
}
