import { useState, type ReactNode } from 'react';
import { Button, Card, Empty, Flex, Segmented, Space, Tabs, Typography } from 'antd';
import { BarsOutlined, CalendarOutlined, FileTextOutlined, PlusOutlined, ProjectOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TASK_SCOPES, type TTaskSort } from '@opsdesk/contract';
import { useMe } from '../../api/session.ts';
import { useTaskCounts, useTasks } from '../../api/tasks.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { DueCalendar } from './calendar/DueCalendar.tsx';
import { TaskFormDrawer, type TaskFormTarget } from './form/TaskFormDrawer.tsx';
import { GanttView } from './gantt/GanttView.tsx';
import { KanbanView } from './kanban/KanbanView.tsx';
import { StatusStrip } from './StatusStrip.tsx';
import { TaskFilters } from './TaskFilters.tsx';
import { TaskList } from './TaskList.tsx';
import { TaskToolbar } from './TaskToolbar.tsx';
import { scopeOf, statusesOf, TASK_URL_KEYS, toCountsQuery, toTaskFilters, viewOf, type TaskView } from './taskQuery.ts';
import { WeeklyReport } from './weekly/WeeklyReport.tsx';
import './tasks.css';

const VIEW_ICON: Record<TaskView, ReactNode> = {
  list: <BarsOutlined />,
  kanban: <ProjectOutlined />,
  gantt: <ScheduleOutlined />,
  calendar: <CalendarOutlined />,
  weekly: <FileTextOutlined />,
};

/** 任务: the scope tabs (ALL-7), filters and five views of the same tasks; everything lives in the URL. */
export default function TasksPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tasks.title'));
  const navigate = useNavigate();
  const me = useMe();
  const isMobile = useIsMobile();
  const { values, update, clear, page, pageSize } = useUrlState(TASK_URL_KEYS);
  const [target, setTarget] = useState<TaskFormTarget | null>(null);
  const view = viewOf(values);
  const scope = scopeOf(values);
  const filters = toTaskFilters(values);
  const noDepartment = scope === 'department' && me.departmentId === null;
  const list = useTasks({ ...filters, page, pageSize }, view === 'list' && !noDepartment);
  const counts = useTaskCounts(toCountsQuery(filters), view !== 'weekly' && !noDepartment);
  const open = (id: number) => void navigate(`/tasks/${id}`);

  const filtered = Boolean(values.q || values.ownerId || values.departmentId || values.status || values.dueFrom || values.dueTo || values.major || values.atRisk);
  const empty = noDepartment ? (
    <Empty description={t('tasks.emptyDepartment')} />
  ) : filtered ? (
    <Empty description={t('tasks.emptyFiltered')}>
      <Typography.Text type="secondary">{t('tasks.emptyFilteredHint')}</Typography.Text>
    </Empty>
  ) : (
    <Empty description={t(`tasks.empty.${scope}`)}>
      <Space orientation="vertical">
        <Typography.Text type="secondary">{t('tasks.emptyHint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
          {t('tasks.create')}
        </Button>
      </Space>
    </Empty>
  );

  const viewSwitch = (
    <Segmented<TaskView>
      value={view}
      onChange={(next) => update({ view: next === 'list' ? undefined : next })}
      options={(['list', 'kanban', 'gantt', 'calendar', 'weekly'] as const).map((key) => ({
        value: key,
        label: isMobile ? t(`tasks.viewsShort.${key}`) : (
          <Space size={4}>
            {VIEW_ICON[key]}
            {t(`tasks.views.${key}`)}
          </Space>
        ),
      }))}
      data-testid="task-views"
    />
  );

  let content: ReactNode;
  if (view === 'weekly') content = <WeeklyReport values={values} onChange={update} compact={isMobile} onOpen={open} />;
  else if (noDepartment) content = empty;
  else if (view === 'kanban') content = <KanbanView filters={filters} compact={isMobile} onOpen={open} />;
  else if (view === 'gantt')
    content = <GanttView filters={filters} zoom={values.zoom === 'month' ? 'month' : 'week'} onZoom={(z) => update({ zoom: z === 'week' ? undefined : z })} compact={isMobile} onOpen={open} />;
  else if (view === 'calendar')
    content = (
      <DueCalendar
        filters={filters}
        month={values.month}
        day={values.day}
        compact={isMobile}
        onNavigate={(month, day) => update({ month, day })}
        onOpen={open}
        onCreate={(dueDate) => setTarget({ mode: 'create', dueDate })}
      />
    );
  else
    content = (
      <>
        {list.isError ? <LoadError error={list.error} onRetry={() => list.refetch()} style={{ marginBottom: 16 }} /> : null}
        <TaskList
          page={list.data}
          loading={list.isFetching}
          isMobile={isMobile}
          sort={filters.sort as TTaskSort}
          empty={empty}
          onOpen={(task) => open(task.id)}
          onPage={(next, size) => update({ page: String(next), pageSize: String(size) })}
          onSort={(sort) => update({ sort: sort === 'dueDate' ? undefined : sort })}
        />
      </>
    );

  return (
    <Card>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('tasks.title')}
        </Typography.Title>
        <TaskToolbar values={values} onCreate={() => setTarget({ mode: 'create' })} compact={isMobile} />
      </Flex>
      {/* At phone width the switch gets its own row, scrolling sideways if a language needs more room. */}
      {isMobile ? <div style={{ marginTop: 12, overflowX: 'auto' }}>{viewSwitch}</div> : null}
      {view === 'weekly' ? (
        <div style={{ marginTop: 16 }} />
      ) : (
        <Tabs
          activeKey={scope}
          onChange={(key) => update({ scope: key === 'mine' ? undefined : key })}
          items={TASK_SCOPES.map((key) => ({ key, label: t(`tasks.scopes.${key}`) }))}
          tabBarExtraContent={isMobile ? undefined : viewSwitch}
        />
      )}
      {view === 'weekly' && !isMobile ? <div style={{ marginBottom: 16 }}>{viewSwitch}</div> : null}
      {view === 'weekly' ? null : (
        <>
          <TaskFilters
            values={values}
            onChange={update}
            onReset={() => clear({ ...(scope === 'mine' ? {} : { scope }), ...(view === 'list' ? {} : { view }) })}
            isMobile={isMobile}
            showDue={view !== 'calendar'}
            showSort={view === 'list'}
            showStatus={view !== 'kanban'}
          />
          {view === 'kanban' ? null : (
            <StatusStrip
              counts={counts.data}
              selected={statusesOf(values)}
              atRisk={values.atRisk === 'true'}
              onChange={({ status, atRisk }) => update({ status: status.join(',') || undefined, atRisk: atRisk ? 'true' : undefined })}
            />
          )}
        </>
      )}
      {content}
      <TaskFormDrawer
        target={target}
        onClose={() => setTarget(null)}
        onSaved={(task) => {
          setTarget(null);
          open(task.id);
        }}
      />
    </Card>
  );
}
