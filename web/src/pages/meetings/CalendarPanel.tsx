import { useMemo } from 'react';
import { Button, Empty, Flex, List, Skeleton, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TMeetingSummary } from '@opsdesk/contract';
import { useMeetingCalendar } from '../../api/meetings.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { DATE_FORMAT } from '../../lib/time.ts';
import { MeetingCalendar, type CalendarMeeting } from './MeetingCalendar.tsx';
import { MeetingStatusTag } from './MeetingTags.tsx';
import type { TimelineDay } from './RoomTimeline.tsx';
import { placeText } from './meetingText.ts';
import { addDays, inCompany, mondayOf, timeRange, weekDates } from './when.ts';

interface Props {
  mode: 'week' | 'month';
  date: string;
  isMobile: boolean;
  onOpenDay: (date: string) => void;
}

const tone = (m: TMeetingSummary): CalendarMeeting['tone'] =>
  m.status === 'cancelled' ? 'cancelled' : m.phase === 'ended' ? 'done' : m.myRoles.includes('host') ? 'host' : 'default';

/** The calendar half of 我的会议: one request per visible range; clicking an hour plans a meeting there. */
export function CalendarPanel({ mode, date, isMobile, onOpenDay }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const from = mode === 'month' ? mondayOf(dayjs(date).startOf('month').format(DATE_FORMAT)) : mondayOf(date);
  const to = addDays(from, mode === 'month' ? 41 : 6);
  const { data, error, refetch } = useMeetingCalendar({ from, to });

  const days = useMemo(() => {
    const map = new Map<string, TimelineDay>();
    for (const d of data?.nonWorkingDates ?? []) map.set(d, { date: d, working: false });
    return map;
  }, [data]);
  const meetings = useMemo(
    () =>
      (data?.items ?? []).map((m) => ({ id: m.id, topic: m.topic, start: m.startsAt, end: m.endsAt, place: placeText(m) || null, tone: tone(m) })),
    [data],
  );
  const open = (id: number) => void navigate(`/meetings/${id}`);

  if (error) return <LoadError error={error} onRetry={refetch} />;
  if (!data) return <Skeleton active paragraph={{ rows: 10 }} />;

  // At phone width a week reads better as a list of days (DingTalk's 日程 list).
  if (mode === 'week' && isMobile) {
    const byDay = weekDates(date).map((d) => ({ date: d, items: data.items.filter((m) => inCompany(m.startsAt).format(DATE_FORMAT) === d) }));
    const weekdays = t('meetings.weekdaysShort').split(',');
    if (data.items.length === 0) {
      return (
        <Empty description={t('meetings.home.noMeetingsWeek')}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/meetings/new')}>
            {t('meetings.home.create')}
          </Button>
        </Empty>
      );
    }
    return (
      <Flex vertical gap={12} data-testid="meeting-calendar">
        {byDay
          .filter((d) => d.items.length > 0)
          .map((d) => (
            <div key={d.date}>
              <Typography.Text strong type={days.has(d.date) ? 'danger' : undefined}>
                {`${dayjs(d.date).format('MM-DD')} ${weekdays[(dayjs(d.date).day() + 6) % 7] ?? ''}`}
              </Typography.Text>
              <List
                size="small"
                dataSource={d.items}
                renderItem={(m) => (
                  <List.Item onClick={() => open(m.id)} style={{ cursor: 'pointer' }} data-testid="calendar-meeting">
                    <List.Item.Meta
                      title={
                        <Flex justify="space-between" gap={8}>
                          <span style={{ textDecoration: m.status === 'cancelled' ? 'line-through' : undefined }}>{m.topic}</span>
                          <MeetingStatusTag status={m.status} phase={m.phase} />
                        </Flex>
                      }
                      description={
                        <>
                          {timeRange(m.startsAt, m.endsAt, false)} {placeText(m)}
                          {m.myRoles.includes('host') ? <Tag color="green" style={{ marginInlineStart: 6 }}>{t('meetings.roles.host')}</Tag> : null}
                        </>
                      }
                    />
                  </List.Item>
                )}
              />
            </div>
          ))}
      </Flex>
    );
  }

  return (
    <>
      <MeetingCalendar
        meetings={meetings}
        mode={mode}
        date={date}
        days={days}
        onOpen={open}
        onOpenDay={onOpenDay}
        onPickSlot={(d, hhmm) => void navigate(`/meetings/new?date=${d}&start=${hhmm}`)}
      />
      {mode === 'week' && data.items.length === 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, textAlign: 'center' }}>
          {t('meetings.home.noMeetingsWeekHint')}
        </Typography.Paragraph>
      ) : null}
    </>
  );
}
