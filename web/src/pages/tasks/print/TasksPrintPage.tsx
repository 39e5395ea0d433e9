import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TTaskListItem } from '@opsdesk/contract';
import { useDepartments, usePerson } from '../../../api/org.ts';
import { useMe } from '../../../api/session.ts';
import { useTasksForPrint } from '../../../api/tasks.ts';
import { LoadError } from '../../../components/LoadError.tsx';
import { PrintForm, PrintTable, type PrintColumn, type PrintField } from '../../../components/print/PrintForm.tsx';
import { PrintLayout } from '../../../components/print/PrintLayout.tsx';
import { COMPANY_TZ, DATE_FORMAT } from '../../../lib/time.ts';
import { filterSearch, statusesOf, TASK_URL_KEYS, toTaskFilters, type TaskUrlValues } from '../taskQuery.ts';
import './task-print.css';

/** 任务跟踪表 on paper: the template's columns, the list's filters, landscape A4. */
export default function TasksPrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const values: TaskUrlValues = {};
  for (const key of TASK_URL_KEYS) values[key] = params.get(key) ?? undefined;
  const filters = toTaskFilters(values);
  const { data, error, refetch } = useTasksForPrint(filters);
  const departments = useDepartments();
  const ownerId = Number(values.ownerId) || undefined;
  const owner = usePerson(ownerId);
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ));
  const all = t('common.all');
  const statuses = statusesOf(values);

  const meta: PrintField[] = [
    { label: t('tasks.print.scope'), value: t(`tasks.scopes.${filters.scope ?? 'mine'}`) },
    { label: t('tasks.fields.owner'), value: ownerId ? (owner.data?.name ?? '') : all },
    {
      label: t('tasks.fields.department'),
      value: filters.departmentId ? (departments.data?.find((d) => d.id === filters.departmentId)?.name ?? '') : all,
    },
    { label: t('tasks.fields.status'), value: statuses.length ? statuses.map((s) => t(`tasks.status.${s}`)).join(t('print.listSep')) : all },
    { label: t('tasks.fields.dueDate'), value: filters.dueFrom || filters.dueTo ? `${filters.dueFrom ?? ''} ~ ${filters.dueTo ?? ''}` : all },
    { label: t('print.keyword'), value: filters.q ?? t('common.none') },
    { label: t('tasks.print.count'), value: data ? t('tasks.print.tasks', { count: data.total }) : '' },
    { label: t('print.preparedOn'), value: printedAt.format(DATE_FORMAT) },
  ];
  const columns: PrintColumn<TTaskListItem>[] = [
    { key: 'number', title: t('tasks.fields.number'), width: '9%', nowrap: true, render: (r) => r.number },
    { key: 'name', title: t('tasks.fields.name'), width: '14%', render: (r) => (r.major ? `${r.name}${t('tasks.print.majorMark')}` : r.name) },
    { key: 'owner', title: t('tasks.fields.owner'), width: '7%', render: (r) => r.owner.name },
    { key: 'start', title: t('tasks.print.start'), width: '8.5%', nowrap: true, render: (r) => r.startDate },
    { key: 'due', title: t('tasks.print.due'), width: '8.5%', nowrap: true, render: (r) => r.dueDate },
    { key: 'progress', title: t('tasks.print.progress'), width: '12%', render: (r) => (r.stage ? `${r.progress}%（${r.stage}）` : `${r.progress}%`) },
    { key: 'status', title: t('tasks.print.status'), width: '7%', align: 'center', nowrap: true, render: (r) => t(`tasks.status.${r.status}`) },
    { key: 'deliverable', title: t('tasks.fields.deliverable'), width: '12%', render: (r) => r.deliverable },
    { key: 'opinion', title: t('tasks.fields.acceptanceOpinion'), width: '10%', render: (r) => r.acceptanceOpinion ?? '-' },
    {
      key: 'remarks',
      title: t('tasks.fields.remarks'),
      render: (r) => [r.remarks, r.status === 'overdue' && r.delayReason ? t('tasks.print.delayReason', { reason: r.delayReason }) : null].filter(Boolean).join('；') || '-',
    },
  ];

  const { view: _v, zoom: _z, month: _m, day: _d, week: _w, reportPerson: _p, reportDept: _r, ...back } = values;
  return (
    <PrintLayout
      title={t('tasks.sheetTitle')}
      backTo={`/tasks${filterSearch(back)}`}
      ready={Boolean(data)}
      notice={data?.truncated ? t('tasks.print.truncated', { shown: data.items.length, total: data.total }) : undefined}
    >
      {error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : data ? (
        <div className="od-task-sheet">
          <PrintForm
            title={t('tasks.sheetTitle')}
            meta={meta}
            metaColumns={4}
            signatures={[{ label: t('print.preparedBy') }, { label: t('print.reviewedBy') }, { label: t('print.date') }]}
            footnote={t('print.footnote', { name: me.name, time: printedAt.format('YYYY-MM-DD HH:mm') })}
          >
            <PrintTable<TTaskListItem> columns={columns} rows={data.items} rowKey={(r) => r.id} numbered={t('print.seq')} emptyText={t('tasks.emptyFiltered')} />
          </PrintForm>
        </div>
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </PrintLayout>
  );
}
