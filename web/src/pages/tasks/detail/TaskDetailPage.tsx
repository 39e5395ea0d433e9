import { useState } from 'react';
import { Alert, Badge, Button, Card, Flex, Skeleton, Space, Tabs, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TTask } from '@opsdesk/contract';
import { useTask } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { TaskActionModal, type TaskDialogKind } from '../actions/TaskActionModal.tsx';
import { TaskFormDrawer } from '../form/TaskFormDrawer.tsx';
import { TaskMarkers, TaskStatusTag } from '../taskStatus.tsx';
import { AcceptanceRounds } from './AcceptanceRounds.tsx';
import { DependenciesPanel } from './DependenciesPanel.tsx';
import { HistoryPanel } from './HistoryPanel.tsx';
import { MilestonesPanel } from './MilestonesPanel.tsx';
import { ProgressPanel } from './ProgressPanel.tsx';
import { TaskActions, type TaskCommand } from './TaskActions.tsx';
import { TaskFacts } from './TaskFacts.tsx';

const TABS = ['progress', 'acceptance', 'milestones', 'dependencies', 'history'] as const;
type Tab = (typeof TABS)[number];

/** TSK-8 in words: which of the two signs flagged the task, with its figures. */
function useRiskText(): (task: TTask) => string {
  const { t } = useTranslation();
  return (task) => {
    const why = task.atRiskWhy;
    if (!why) return t('tasks.markers.atRiskHint');
    const reasons = [why.behind && t('tasks.risk.behind', why.behind), why.milestone && t('tasks.risk.milestone', why.milestone)].filter((r) => r !== null);
    return t('tasks.risk.title', { reasons: reasons.join(t('tasks.risk.separator')) });
  };
}

/** 任务详情: header with the permitted actions, the TSK-1 fields, and the task's timelines as tabs. */
export default function TaskDetailPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const id = Number(useParams().id);
  const [params, setParams] = useSearchParams();
  const query = useTask(id);
  const task = query.data;
  const riskText = useRiskText();
  const [dialog, setDialog] = useState<TaskDialogKind | null>(null);
  useDocumentTitle(task ? `${task.number} ${task.name}` : t('tasks.detail.title'));

  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'progress';
  const editing = params.get('edit') === '1' && task?.permissions.canEdit === true;
  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!task) return <Skeleton active paragraph={{ rows: 10 }} />;

  const command = (c: TaskCommand) => {
    if (c === 'edit') setParam('edit', '1');
    else if (c === 'print') void navigate(`/tasks/${task.id}/print`);
    else setDialog(c);
  };
  const openRounds = task.acceptanceRounds.filter((r) => r.decision === null).length;
  const lastRound = task.acceptanceRounds.at(-1);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Flex justify="space-between" align="flex-start" gap={12} wrap>
          <Space align="start" size={8} style={{ minWidth: 0 }}>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('tasks.detail.back')} onClick={() => void navigate(-1)} />
            <div style={{ minWidth: 0 }}>
              <Typography.Text type="secondary">{task.number}</Typography.Text>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="task-title">
                {task.name}
              </Typography.Title>
              <Space size={6} wrap style={{ marginTop: 6 }}>
                <TaskStatusTag status={task.status} />
                <TaskMarkers task={task} />
              </Space>
            </div>
          </Space>
          <TaskActions task={task} compact={isMobile} onCommand={command} />
        </Flex>
        {/* On the progress tab the delay form itself says this. */}
        {task.needsDelayReason && tab !== 'progress' ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={t('tasks.progress.delayFirst', { days: task.overdueDays, due: task.dueDate })}
            description={task.permissions.canDelay ? t('tasks.progress.delayFirstHint') : t('tasks.progress.ownerMustExplain')}
            action={
              task.permissions.canDelay ? (
                <Button danger size="small" onClick={() => setParam('tab', null)}>
                  {t('tasks.dialogs.delay.title')}
                </Button>
              ) : null
            }
          />
        ) : null}
        {lastRound?.decision === 'rejected' && task.workflowStatus === 'in_progress' ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={t('tasks.detail.rejected', { round: lastRound.round, name: lastRound.decidedBy?.name ?? '' })}
            description={lastRound.opinion}
            data-testid="rejected-requirements"
          />
        ) : null}
        {task.status !== 'overdue' && task.atRisk ? <Alert type="warning" showIcon style={{ marginTop: 16 }} title={riskText(task)} data-testid="task-risk" /> : null}
        <div style={{ marginTop: 16 }}>
          <TaskFacts task={task} />
        </div>
      </Card>
      <Card styles={{ body: { paddingTop: 8 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParam('tab', key === 'progress' ? null : key)}
          items={[
            { key: 'progress', label: t('tasks.detail.tabs.progress'), children: <ProgressPanel task={task} onRefresh={() => void query.refetch()} /> },
            {
              key: 'acceptance',
              label: (
                <Space size={4}>
                  {t('tasks.detail.tabs.acceptance')}
                  <Badge count={openRounds} size="small" />
                </Space>
              ),
              children: <AcceptanceRounds task={task} />,
            },
            { key: 'milestones', label: t('tasks.detail.tabs.milestones', { count: task.milestones.length }), children: <MilestonesPanel task={task} /> },
            { key: 'dependencies', label: t('tasks.detail.tabs.dependencies'), children: <DependenciesPanel task={task} onOverride={() => setDialog('start')} /> },
            { key: 'history', label: t('tasks.detail.tabs.history'), children: <HistoryPanel taskId={task.id} active={tab === 'history'} /> },
          ]}
        />
      </Card>
      {dialog ? <TaskActionModal taskId={task.id} kind={dialog} onClose={() => setDialog(null)} /> : null}
      <TaskFormDrawer target={editing ? { mode: 'edit', task } : null} onClose={() => setParam('edit', null)} onSaved={() => setParam('edit', null)} />
    </Space>
  );
}
