import { LoadError } from '../../../components/LoadError.tsx';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TPerson } from '@opsdesk/contract';
import { useDepartments } from '../../../api/org.ts';
import { usePeopleForPrint } from '../../../api/peopleIo.ts';
import { useMe } from '../../../api/session.ts';
import { PrintForm, PrintTable, type PrintColumn, type PrintField } from '../../../components/print/PrintForm.tsx';
import { PrintLayout } from '../../../components/print/PrintLayout.tsx';
import { COMPANY_TZ, DATE_FORMAT } from '../../../lib/time.ts';
import { PEOPLE_FILTER_KEYS } from './PeopleFilters.tsx';
import { filterSearch, toPeopleFilters, type PeopleFilterValues } from './peopleQuery.ts';

/** 人员名册 on paper: the people list with the same filters as the screen it came from. */
export default function PeoplePrintPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params] = useSearchParams();
  const values: PeopleFilterValues = {};
  for (const key of PEOPLE_FILTER_KEYS) values[key] = params.get(key) ?? undefined;
  const filters = toPeopleFilters(values);
  const noDepartment = filters.scope === 'department' && me.departmentId === null;
  const { data, error, refetch } = usePeopleForPrint(filters, !noDepartment);
  const departments = useDepartments();
  const [printedAt] = useState(() => dayjs().tz(COMPANY_TZ));
  const all = t('common.all');
  const dash = '';

  const department = filters.departmentId
    ? (departments.data?.find((d) => d.id === filters.departmentId)?.name ?? String(filters.departmentId))
    : filters.scope === 'department'
      ? (me.departmentName ?? all)
      : all;
  const items = noDepartment ? [] : (data?.items ?? []);
  const meta: PrintField[] = [
    { label: t('people.department'), value: department },
    { label: t('people.role'), value: filters.role ? t(`roles.${filters.role}`) : all },
    { label: t('people.status'), value: filters.active ? t(filters.active === 'true' ? 'people.active' : 'people.inactive') : all },
    { label: t('print.keyword'), value: filters.q ?? t('common.none') },
    { label: t('print.headcount'), value: data || noDepartment ? t('print.people', { count: noDepartment ? 0 : (data?.total ?? 0) }) : '' },
    { label: t('print.preparedOn'), value: printedAt.format(DATE_FORMAT) },
  ];
  const columns: PrintColumn<TPerson>[] = [
    { key: 'employeeNo', title: t('people.employeeNo'), width: '8%', nowrap: true, render: (p) => p.employeeNo ?? dash },
    { key: 'name', title: t('people.name'), width: '9%', render: (p) => p.name },
    { key: 'department', title: t('people.department'), width: '10%', render: (p) => p.departmentName ?? dash },
    { key: 'title', title: t('people.title'), width: '11%', render: (p) => p.title ?? dash },
    { key: 'phone', title: t('people.phone'), width: '13%', nowrap: true, render: (p) => p.phone ?? dash },
    { key: 'email', title: t('people.email'), render: (p) => p.email ?? dash },
    { key: 'roles', title: t('people.roles'), width: '15%', render: (p) => p.roles.map((r) => t(`roles.${r}`)).join(t('print.listSep')) },
    { key: 'status', title: t('people.status'), width: '7%', align: 'center', nowrap: true, render: (p) => t(p.active ? 'people.active' : 'people.inactive') },
  ];

  return (
    <PrintLayout
      title={t('people.rosterTitle')}
      backTo={`/admin/people${filterSearch(values)}`}
      ready={Boolean(data) || noDepartment}
      notice={data?.truncated ? t('print.truncated', { shown: data.items.length, total: data.total }) : undefined}
    >
      {error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : data || noDepartment ? (
        <PrintForm
          title={t('people.rosterTitle')}
          meta={meta}
          metaColumns={3}
          signatures={[{ label: t('print.preparedBy') }, { label: t('print.reviewedBy') }, { label: t('print.date') }]}
          footnote={t('print.footnote', { name: me.name, time: printedAt.format('YYYY-MM-DD HH:mm') })}
        >
          <PrintTable<TPerson>
            columns={columns}
            rows={items}
            rowKey={(p) => p.id}
            numbered={t('print.seq')}
            emptyText={t('people.emptyFiltered')}
          />
        </PrintForm>
      ) : (
        <Skeleton active paragraph={{ rows: 12 }} />
      )}
    </PrintLayout>
  );
}
