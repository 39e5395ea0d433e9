import { Button, Card, DatePicker, Flex, Segmented, Space, Typography } from 'antd';
import { CalendarOutlined, LeftOutlined, PlusOutlined, RightOutlined, ScheduleOutlined, TableOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { DATE_FORMAT, companyToday } from '../../lib/time.ts';
import { CalendarPanel } from './CalendarPanel.tsx';
import { MEETING_LIST_KEYS, MeetingList } from './MeetingList.tsx';
import { addDays, DATE_RE, mondayOf } from './when.ts';

const KEYS = ['view', 'date', ...MEETING_LIST_KEYS] as const;
type View = 'week' | 'month' | 'list';

/** 会议 home: my meetings as a week or month calendar, or as the list with scopes and filters. */
export default function MeetingsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('meetings.home.title'));
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const { values, update, clear, page, pageSize } = useUrlState(KEYS);
  const view: View = values.view === 'month' || values.view === 'list' ? values.view : 'week';
  const date = values.date && DATE_RE.test(values.date) ? values.date : companyToday();

  const shift = (by: number) =>
    update({ date: view === 'month' ? dayjs(date).add(by, 'month').startOf('month').format(DATE_FORMAT) : addDays(date, by * 7) });
  const monday = mondayOf(date);
  const title =
    view === 'month'
      ? t('meetings.home.monthTitle', { year: dayjs(date).year(), month: dayjs(date).month() + 1 })
      : t('meetings.home.weekTitle', { from: dayjs(monday).format('MM-DD'), to: dayjs(addDays(monday, 6)).format('MM-DD') });

  const toolbar = (
    <Space wrap size={8}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/meetings/new')}>
        {t('meetings.home.create')}
      </Button>
      <Button icon={<TableOutlined />} onClick={() => void navigate('/meetings/rooms')}>
        {t('meetings.home.rooms')}
      </Button>
      <Button icon={<ScheduleOutlined />} onClick={() => void navigate('/meetings/follow-up')}>
        {t('meetings.home.followUp')}
      </Button>
    </Space>
  );

  return (
    <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('meetings.home.title')}
        </Typography.Title>
        {toolbar}
      </Flex>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented<View>
          value={view}
          onChange={(next) => update({ view: next === 'week' ? undefined : next })}
          options={[
            { value: 'week', label: t('meetings.home.viewWeek'), icon: <CalendarOutlined /> },
            { value: 'month', label: t('meetings.home.viewMonth') },
            { value: 'list', label: t('meetings.home.viewList') },
          ]}
        />
        {view === 'list' ? null : (
          <Flex align="center" gap={4} wrap>
            <Button
              icon={<LeftOutlined />}
              aria-label={view === 'month' ? t('meetings.home.prevMonth') : t('meetings.home.prevWeek')}
              onClick={() => shift(-1)}
            />
            <Button onClick={() => update({ date: undefined })}>{t('meetings.home.today')}</Button>
            <Button
              icon={<RightOutlined />}
              aria-label={view === 'month' ? t('meetings.home.nextMonth') : t('meetings.home.nextWeek')}
              onClick={() => shift(1)}
            />
            <DatePicker
              picker={view === 'month' ? 'month' : 'week'}
              value={dayjs(date)}
              allowClear={false}
              variant="borderless"
              format={() => title}
              onChange={(d) => d && update({ date: d.format(DATE_FORMAT) })}
              data-testid="calendar-title"
            />
          </Flex>
        )}
      </Flex>
      {view === 'list' ? (
        <MeetingList values={values} update={update} clear={clear} page={page} pageSize={pageSize} isMobile={isMobile} />
      ) : (
        <CalendarPanel mode={view} date={date} isMobile={isMobile} onOpenDay={(d) => update({ date: d, view: undefined })} />
      )}
    </Card>
  );
}
