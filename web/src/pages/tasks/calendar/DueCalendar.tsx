import { useMemo } from 'react';
import { Alert, Button, Calendar, Card, Empty, Flex, List, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { TTaskListItem } from '@opsdesk/contract';
import { useCalendarMonth } from '../../../api/calendar.ts';
import { useTasks, type TaskFilters } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { COMPANY_TZ, DATE_FORMAT } from '../../../lib/time.ts';
import { STATUS_COLOR, TaskStatusTag } from '../taskStatus.tsx';
import './calendar.css';

interface Props {
  filters: TaskFilters;
  /** YYYY-MM shown; the selected day is `day` (YYYY-MM-DD) when one is picked. */
  month: string | undefined;
  day: string | undefined;
  compact: boolean;
  onNavigate: (month: string, day: string | undefined) => void;
  onOpen: (id: number) => void;
  onCreate: (dueDate: string) => void;
}

const PER_CELL = 3;

/**
 * 截止日期日历: each task on its due date, in its status colour, over the official working calendar
 * (days off shaded, holidays named, make-up workdays marked 班). A picked day lists its tasks below.
 */
export function DueCalendar({ filters, month, day, compact, onNavigate, onOpen, onCreate }: Props) {
  const { t } = useTranslation();
  const today = dayjs().tz(COMPANY_TZ).format(DATE_FORMAT);
  const shown = month && /^\d{4}-\d{2}$/.test(month) ? month : today.slice(0, 7);
  const first = dayjs(`${shown}-01`);
  // The grid shows up to 6 weeks: a week either side of the month covers it.
  const { status: _s, dueFrom: _f, dueTo: _t, ...rest } = filters;
  const list = useTasks({
    ...rest,
    dueFrom: first.subtract(7, 'day').format(DATE_FORMAT),
    dueTo: first.endOf('month').add(14, 'day').format(DATE_FORMAT),
    sort: 'dueDate',
    page: 1,
    pageSize: 200,
  });
  const workdays = useCalendarMonth(shown);
  const byDay = useMemo(() => {
    const map = new Map<string, TTaskListItem[]>();
    for (const task of list.data?.items ?? []) map.set(task.dueDate, [...(map.get(task.dueDate) ?? []), task]);
    return map;
  }, [list.data]);
  const calendarDays = useMemo(() => new Map((workdays.data?.days ?? []).map((d) => [d.date, d])), [workdays.data]);

  const cell = (date: Dayjs) => {
    const key = date.format(DATE_FORMAT);
    const tasks = byDay.get(key) ?? [];
    const info = calendarDays.get(key);
    const weekend = date.day() === 0 || date.day() === 6;
    return (
      <div className={info && !info.working ? 'od-due-cell od-due-off' : 'od-due-cell'} data-date={key}>
        {info?.name || (info?.working && weekend) ? (
          <div className="od-due-daynote">{info.working && weekend ? t('tasks.calendar.makeup') : info.name}</div>
        ) : null}
        {compact ? (
          tasks.length > 0 ? (
            <div className="od-due-dots">
              {tasks.slice(0, 4).map((task) => (
                <span key={task.id} className="od-due-dot" style={{ background: STATUS_COLOR[task.status] }} />
              ))}
            </div>
          ) : null
        ) : (
          <>
            {tasks.slice(0, PER_CELL).map((task) => (
              <button
                type="button"
                key={task.id}
                className="od-due-item"
                style={{ borderInlineStartColor: STATUS_COLOR[task.status] }}
                title={`${task.number} ${task.name} · ${task.owner.name}`}
                onClick={(e) => {
                  e.stopPropagation();
                  onOpen(task.id);
                }}
                data-testid="calendar-task"
              >
                {task.name}
              </button>
            ))}
            {tasks.length > PER_CELL ? <div className="od-due-more">{t('tasks.calendar.more', { count: tasks.length - PER_CELL })}</div> : null}
          </>
        )}
      </div>
    );
  };

  const picked = day ? (byDay.get(day) ?? []) : [];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {list.isError ? <LoadError error={list.error} onRetry={() => list.refetch()} /> : null}
      {(list.data?.total ?? 0) > (list.data?.items.length ?? 0) ? <Alert type="warning" showIcon title={t('tasks.calendar.truncated')} /> : null}
      <Calendar
        className="od-due-calendar"
        fullscreen={!compact}
        value={day ? dayjs(day) : today.startsWith(shown) ? dayjs(today) : first}
        onPanelChange={(date) => onNavigate(date.format('YYYY-MM'), undefined)}
        onSelect={(date, { source }) => {
          if (source === 'date') onNavigate(date.format('YYYY-MM'), date.format(DATE_FORMAT));
          else onNavigate(date.format('YYYY-MM'), undefined);
        }}
        cellRender={(date, info) => (info.type === 'date' ? cell(date) : info.originNode)}
      />
      {day ? (
        <Card
          size="small"
          title={t('tasks.calendar.dueOn', { date: day })}
          extra={
            <Button size="small" icon={<PlusOutlined />} onClick={() => onCreate(day)}>
              {t('tasks.calendar.createDue')}
            </Button>
          }
        >
          {picked.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tasks.calendar.nothingDue')} />
          ) : (
            <List
              size="small"
              dataSource={picked}
              renderItem={(task) => (
                <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen(task.id)} extra={<TaskStatusTag status={task.status} />}>
                  <Flex vertical>
                    <Typography.Text>
                      {task.name} {task.major ? <Tag color="magenta">{t('tasks.markers.major')}</Tag> : null}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {task.number} · {task.owner.name} · {task.progress}%
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      ) : null}
    </Space>
  );
}
