import { useState } from 'react';
import { Card, Col, DatePicker, Flex, Row, Segmented, Skeleton, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TTaskWeeklyPersonRow, TTaskWeeklyQuery, TTaskWeeklySection } from '@opsdesk/contract';
import { useMe } from '../../../api/session.ts';
import { exportWeekly, useWeeklyReport } from '../../../api/tasks.ts';
import { DepartmentSelect } from '../../../components/DepartmentSelect.tsx';
import { LoadError } from '../../../components/LoadError.tsx';
import { PersonSelect } from '../../../components/PersonSelect.tsx';
import { DATE_FORMAT } from '../../../lib/time.ts';
import { AT_RISK_COLOR, STATUS_COLOR } from '../taskStatus.tsx';
import type { TaskUrlValues } from '../taskQuery.ts';
import { ExportMenu } from '../../../components/ExportMenu.tsx';
import { WeeklySections } from './WeeklySections.tsx';

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
  const [section, setSection] = useState<TTaskWeeklySection>('done');
  // Narrowed to one person of the report (their row, so the counts stay those of the latest answer).
  const [ownerId, setOwnerId] = useState<number | null>(null);
  const owner = data?.people.find((p) => p.person.id === ownerId) ?? null;
  // Another week or subject: the narrowing to one person no longer applies.
  const subjectKey = JSON.stringify(query);
  const [shownFor, setShownFor] = useState(subjectKey);
  if (shownFor !== subjectKey) {
    setShownFor(subjectKey);
    setOwnerId(null);
  }
  const openPerson = (row: TTaskWeeklyPersonRow, key: TTaskWeeklySection) => {
    setOwnerId(row.person.id);
    setSection(key);
  };

  // A count opens that person's tasks of that section below.
  const countColumn = (key: TTaskWeeklySection, type?: 'danger' | 'warning'): TableColumnsType<TTaskWeeklyPersonRow>[number] => ({
    key,
    title: t(`tasks.weekly.${key}`),
    dataIndex: key,
    align: 'right',
    sorter: (a, b) => a[key] - b[key],
    render: (v: number, row) => (v ? <Typography.Link type={type} onClick={() => openPerson(row, key)}>{v}</Typography.Link> : <Typography.Text type="secondary">0</Typography.Text>),
  });
  const peopleColumns: TableColumnsType<TTaskWeeklyPersonRow> = [
    { key: 'person', title: t('tasks.weekly.person'), render: (_, row) => row.person.name },
    countColumn('done'),
    countColumn('inProgress'),
    countColumn('overdue', 'danger'),
    countColumn('atRisk', 'warning'),
  ];

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
                ['done', data.totals.done, STATUS_COLOR.done],
                ['inProgress', data.totals.inProgress, STATUS_COLOR.in_progress],
                ['overdue', data.totals.overdue, STATUS_COLOR.overdue],
                ['atRisk', data.totals.atRisk, AT_RISK_COLOR],
              ] as const
            ).map(([key, value, color]) => (
              <Col key={key} xs={12} md={6}>
                <Card
                  size="small"
                  hoverable
                  data-testid={`weekly-card-${key}`}
                  onClick={() => {
                    setOwnerId(null);
                    setSection(key);
                  }}
                  style={key === section && !owner ? { borderColor: color } : undefined}
                >
                  <Statistic title={t(`tasks.weekly.${key}`)} value={value} styles={{ content: { color } }} />
                </Card>
              </Col>
            ))}
          </Row>
          {data.subject.kind === 'department' && data.people.length > 0 ? (
            <Card size="small" title={t('tasks.weekly.perPerson')}>
              <Table<TTaskWeeklyPersonRow>
                size="small"
                rowKey={(r) => r.person.id}
                pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total: number) => t('common.total', { total }) }}
                dataSource={data.people}
                columns={peopleColumns}
                scroll={{ x: 'max-content' }}
                data-testid="weekly-people"
              />
            </Card>
          ) : null}
          <WeeklySections
            key={`${subjectKey}:${section}:${owner?.person.id ?? ''}`}
            query={query}
            totals={data.totals}
            section={section}
            onSection={setSection}
            owner={owner}
            onClearOwner={() => setOwnerId(null)}
            compact={compact}
            onOpen={onOpen}
          />
        </>
      )}
    </Space>
  );
}
