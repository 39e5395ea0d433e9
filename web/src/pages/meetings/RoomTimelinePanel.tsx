import { useMemo } from 'react';
import { Button, DatePicker, Empty, Flex, Segmented, Skeleton, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useRoomTimeline } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { DATE_FORMAT, companyToday } from '../../lib/time.ts';
import { RoomTimeline, type TimelineBooking, type TimelineDay } from './RoomTimeline.tsx';
import { addDays, DATE_RE, mondayOf } from './when.ts';

interface Props {
  mode: 'day' | 'week';
  date: string | undefined;
  update: (patch: { mode?: string; date?: string }) => void;
  isMobile: boolean;
}

/** The occupancy tab: one request per day or week; a click on free space plans a meeting in that room. */
export function RoomTimelinePanel({ mode, date: asked, update, isMobile }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const date = asked && DATE_RE.test(asked) ? asked : companyToday();
  const from = mode === 'week' ? mondayOf(date) : date;
  const { data, error, refetch, isFetching } = useRoomTimeline({ date: from, days: mode === 'week' ? 7 : 1 });

  const days = useMemo(() => {
    const map = new Map<string, TimelineDay>();
    for (const d of data?.nonWorkingDates ?? []) map.set(d, { date: d, working: false, name: t('meetings.rooms.nonWorking') });
    return map;
  }, [data, t]);
  const bookings: TimelineBooking[] = useMemo(
    () =>
      (data?.rooms ?? []).flatMap(({ bookings: list }) =>
        list
          .filter((b) => b.status === 'active')
          .map((b) => ({
            id: b.id,
            roomId: b.roomId,
            start: b.startsAt,
            end: b.endsAt,
            title: b.title,
            organizer: b.bookedBy.name,
            meetingId: b.meetingId,
            mine: b.bookedBy.id === me.id,
          })),
      ),
    [data, me.id],
  );
  const step = mode === 'week' ? 7 : 1;
  const label =
    mode === 'week'
      ? t('meetings.home.weekTitle', { from: dayjs(from).format('MM-DD'), to: dayjs(addDays(from, 6)).format('MM-DD') })
      : `${date} ${t('meetings.weekdaysShort').split(',')[(dayjs(date).day() + 6) % 7] ?? ''}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Segmented
          value={mode}
          onChange={(v) => update({ mode: v === 'day' ? undefined : v })}
          options={[
            { value: 'day', label: t('meetings.rooms.day') },
            { value: 'week', label: t('meetings.rooms.week') },
          ]}
        />
        <Flex align="center" gap={4} wrap>
          <Button icon={<LeftOutlined />} aria-label={t('meetings.rooms.prevDay')} onClick={() => update({ date: addDays(date, -step) })} />
          <Button onClick={() => update({ date: undefined })}>{t('meetings.rooms.today')}</Button>
          <Button icon={<RightOutlined />} aria-label={t('meetings.rooms.nextDay')} onClick={() => update({ date: addDays(date, step) })} />
          <DatePicker
            value={dayjs(date)}
            allowClear={false}
            variant="borderless"
            format={() => label}
            onChange={(d) => d && update({ date: d.format(DATE_FORMAT) })}
          />
        </Flex>
      </Flex>
      {mode === 'day' && days.has(date) ? (
        <Typography.Text type="danger">{t('meetings.rooms.nonWorkingDay', { date })}</Typography.Text>
      ) : null}
      {error ? <LoadError error={error} onRetry={refetch} /> : null}
      {!data ? (
        error ? null : <Skeleton active paragraph={{ rows: 6 }} />
      ) : data.rooms.length === 0 ? (
        <Empty description={t('meetings.rooms.noRooms')}>
          <Typography.Text type="secondary">{t('meetings.rooms.noRoomsHint')}</Typography.Text>
        </Empty>
      ) : (
        <div style={{ opacity: isFetching ? 0.7 : 1, transition: 'opacity .2s' }}>
          <RoomTimeline
            rooms={data.rooms.map((r) => r.room)}
            bookings={bookings}
            mode={mode}
            date={mode === 'week' ? from : date}
            days={days}
            onPickSlot={(roomId, d, hhmm) => void navigate(`/meetings/new?roomId=${roomId}&date=${d}&start=${hhmm}`)}
            onOpenBooking={(b) => (b.meetingId ? void navigate(`/meetings/${b.meetingId}`) : undefined)}
            onOpenDay={(d) => update({ mode: undefined, date: d })}
          />
          <Flex gap={16} wrap style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">
              <span className="od-rt-legend od-rt-legend-mine" /> {t('meetings.rooms.legendMine')}
            </Typography.Text>
            <Typography.Text type="secondary">
              <span className="od-rt-legend" /> {t('meetings.rooms.legendOthers')}
            </Typography.Text>
            {isMobile ? null : <Typography.Text type="secondary">{t('meetings.rooms.pickHint')}</Typography.Text>}
          </Flex>
        </div>
      )}
    </Space>
  );
}
