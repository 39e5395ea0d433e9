import { Card, Col, DatePicker, Flex, Progress, Row, Segmented, Skeleton, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TTaskWeeklyItem, TTaskWeeklyPersonRow, TTaskWeeklyQuery } from '@opsdesk/contract';
import { useMe } from '../../../api/session.ts';
import { exportWeekly, useWeeklyReport } from '../../../api/tasks.ts';
import { DepartmentSelect } from '../../../components/DepartmentSelect.tsx';
import { LoadError } from '../../../components/LoadError.tsx';
import { PersonSelect } from '../../../components/PersonSelect.tsx';
import { DATE_FORMAT } from '../../../lib/time.ts';
import { STATUS_COLOR, TaskStatusTag } from '../taskStatus.tsx';
import type { TaskUrlValues } from '../taskQuery.ts';
import { ExportMenu } from '../../../components/ExportMenu.tsx';

interface Props {
  values: TaskUrlValues;
  onChange: (patch: TaskUrlValues) => void;
  compact: boolean;
  onOpen: (id: number) => void;
}

type Subject = 'me' | 'person' | 'department';

/** TSK-10 每周例会同步: one person's or one department's week — done, in progress with %, overdue with reasons, at risk. */
export function WeeklyReport({ values, onChange, compact, onOpen }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const subject: Subject = values.reportDept ? 'department' : values.reportPerson ? 'person' : 'me';
  const query: TTaskWeeklyQuery = {
    week: values.week,
    personId: Number(values.reportPerson) || undefined,
    departmentId: Number(values.reportDept) || undefined,
  };
  const report = useWeeklyReport(query);
  const data = report.data;

  const itemColumns = (extra: 'done' | 'progress' | 'overdue'): TableColumnsType<TTaskWeeklyItem> => [
    { key: 'number', title: t('tasks.fields.number'), dataIndex: 'number', width: 110 },
    { key: 'name', title: t('tasks.fields.name'), render: (_, item) => <Typography.Link onClick={() => onOpen(item.id)}>{item.name}</Typography.Link> },
    { key: 'owner', title: t('tasks.fields.owner'), width: 90, render: (_, item) => item.owner.name },
    { key: 'due', title: t('tasks.fields.dueDate'), dataIndex: 'dueDate', width: 110 },
    extra === 'done'
      ? { key: 'doneAt', title: t('tasks.weekly.doneAt'), width: 110, render: (_, item) => item.doneAt?.slice(0, 10) ?? '' }
      : {
          key: 'progress',
          title: t('tasks.fields.progress'),
          width: 200,
          render: (_, item) => (
            <div>
              <Progress percent={item.progress} size="small" strokeColor={STATUS_COLOR[item.status]} />
              {item.stage ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.stage}
                </Typography.Text>
              ) : null}
            </div>
          ),
        },
    ...(extra === 'overdue'
      ? [
          {
            key: 'reason',
            title: t('tasks.weekly.delayReason'),
            render: (_: unknown, item: TTaskWeeklyItem) => (
              <>
                <Typography.Text type="danger">{t('tasks.markers.overdueDays', { count: item.overdueDays })}</Typography.Text>
                <div>{item.delayReason ?? <Typography.Text type="warning">{t('tasks.weekly.noReason')}</Typography.Text>}</div>
              </>
            ),
          },
        ]
      : [{ key: 'status', title: t('tasks.fields.status'), width: 90, render: (_: unknown, item: TTaskWeeklyItem) => <TaskStatusTag status={item.status} /> }]),
  ];

  const peopleColumns: TableColumnsType<TTaskWeeklyPersonRow> = [
    { key: 'person', title: t('tasks.weekly.person'), render: (_, row) => row.person.name },
    { key: 'done', title: t('tasks.weekly.done'), dataIndex: 'done', align: 'right' },
    { key: 'inProgress', title: t('tasks.weekly.inProgress'), dataIndex: 'inProgress', align: 'right' },
    { key: 'overdue', title: t('tasks.weekly.overdue'), dataIndex: 'overdue', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : v) },
    { key: 'atRisk', title: t('tasks.weekly.atRisk'), dataIndex: 'atRisk', align: 'right', render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : v) },
  ];

  const section = (key: 'done' | 'inProgress' | 'overdue' | 'atRisk', items: TTaskWeeklyItem[]) => (
    <Card
      key={key}
      size="small"
      title={`${t(`tasks.weekly.${key}`)}（${items.length}）`}
      data-testid={`weekly-${key}`}
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">{t('tasks.weekly.none')}</Typography.Text>
      ) : compact ? (
        <Flex vertical gap={8}>
          {items.map((item) => (
            <div key={item.id} onClick={() => onOpen(item.id)} style={{ cursor: 'pointer' }}>
              <Typography.Text strong>{item.name}</Typography.Text>{' '}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {item.owner.name} · {item.dueDate} · {item.progress}%
              </Typography.Text>
              {key === 'overdue' ? <div>{item.delayReason ?? t('tasks.weekly.noReason')}</div> : null}
            </div>
          ))}
        </Flex>
      ) : (
        <Table<TTaskWeeklyItem>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={items}
          columns={itemColumns(key === 'done' ? 'done' : key === 'overdue' ? 'overdue' : 'progress')}
          scroll={{ x: 'max-content' }}
        />
      )}
    </Card>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="weekly-report">
      <Flex wrap gap={8} align="center" justify="space-between">
        <Flex wrap gap={8} align="center">
          <DatePicker
            picker="week"
            value={values.week ? dayjs(values.week) : dayjs()}
            onChange={(d) => onChange({ week: d ? d.startOf('week').format(DATE_FORMAT) : undefined })}
            allowClear={false}
            aria-label={t('tasks.weekly.week')}
          />
          <Segmented<Subject>
            value={subject}
            onChange={(next) => onChange(next === 'me' ? { reportPerson: undefined, reportDept: undefined } : next === 'person' ? { reportPerson: String(me.id), reportDept: undefined } : { reportDept: me.departmentId ? String(me.departmentId) : undefined, reportPerson: undefined })}
            options={[
              { value: 'me', label: t('tasks.weekly.me') },
              { value: 'person', label: t('tasks.weekly.byPerson') },
              { value: 'department', label: t('tasks.weekly.byDepartment'), disabled: !me.departmentId && !values.reportDept },
            ]}
          />
          {subject === 'person' ? (
            <PersonSelect value={Number(values.reportPerson) || null} onChange={(id) => onChange({ reportPerson: id ? String(id) : undefined })} initialLabel={data?.subject.kind === 'person' ? data.subject.name : null} style={{ width: 200 }} />
          ) : null}
          {subject === 'department' ? (
            <DepartmentSelect value={Number(values.reportDept) || null} onChange={(id) => onChange({ reportDept: id ? String(id) : undefined })} allowClear={false} style={{ width: 200 }} />
          ) : null}
        </Flex>
        <ExportMenu run={(format) => exportWeekly(query, format, t('tasks.weekly.fileName'))} label={t('tasks.weekly.export')} />
      </Flex>
      {report.isError ? <LoadError error={report.error} onRetry={() => report.refetch()} /> : null}
      {!data ? (
        report.isError ? null : <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('tasks.weekly.heading', { name: data.subject.name, from: data.from, to: data.to })}
          </Typography.Title>
          <Row gutter={[12, 12]}>
            {(
              [
                ['done', data.done.length, STATUS_COLOR.done],
                ['inProgress', data.inProgress.length, STATUS_COLOR.in_progress],
                ['overdue', data.overdue.length, STATUS_COLOR.overdue],
                ['atRisk', data.atRisk.length, '#fa8c16'],
              ] as const
            ).map(([key, value, color]) => (
              <Col key={key} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={t(`tasks.weekly.${key}`)} value={value} styles={{ content: { color } }} />
                </Card>
              </Col>
            ))}
          </Row>
          {data.subject.kind === 'department' && data.people.length > 0 ? (
            <Card size="small" title={t('tasks.weekly.perPerson')}>
              <Table<TTaskWeeklyPersonRow> size="small" rowKey={(r) => r.person.id} pagination={false} dataSource={data.people} columns={peopleColumns} />
            </Card>
          ) : null}
          {section('done', data.done)}
          {section('inProgress', data.inProgress)}
          {section('overdue', data.overdue)}
          {section('atRisk', data.atRisk)}
        </>
      )}
    </Space>
  );
}
