import { Button, Checkbox, DatePicker, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { TASK_SORTS, TASK_STATUSES } from '@opsdesk/contract';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { DATE_FORMAT } from '../../lib/time.ts';
import { sortOf, statusesOf, type TaskUrlValues } from './taskQuery.ts';

interface Props {
  values: TaskUrlValues;
  onChange: (patch: TaskUrlValues) => void;
  onReset: () => void;
  isMobile: boolean;
  /** The weekly report and the calendar have their own period: no due range or sort there. */
  showDue: boolean;
  showSort: boolean;
  showStatus: boolean;
}

/** The ALL-7 filter bar of the task views: owner, department, status (延期 included), due range, 重大, 有延期风险, text. */
export function TaskFilters({ values, onChange, onReset, isMobile, showDue, showSort, showStatus }: Props) {
  const { t } = useTranslation();
  const width = isMobile ? '100%' : 180;
  const statuses = statusesOf(values);
  const activeCount = [values.ownerId, values.departmentId, values.status, values.dueFrom, values.major, values.atRisk].filter(Boolean).length;

  const search = (
    <Input.Search
      key={values.q ?? ''}
      defaultValue={values.q}
      aria-label={t('tasks.filters.q')}
      placeholder={t('tasks.filters.qPlaceholder')}
      allowClear
      enterButton={t('common.search')}
      onSearch={(q) => onChange({ q: q.trim() || undefined })}
      style={{ width: isMobile ? '100%' : 300 }}
    />
  );

  return (
    <FilterBar primary={search} activeCount={activeCount} isMobile={isMobile}>
      <PersonSelect
        value={Number(values.ownerId) || null}
        onChange={(id) => onChange({ ownerId: id ? String(id) : undefined })}
        placeholder={t('common.filterAll', { field: t('tasks.fields.owner') })}
        style={{ width }}
        includeInactive
      />
      <DepartmentSelect
        value={Number(values.departmentId) || null}
        onChange={(id) => onChange({ departmentId: id ? String(id) : undefined })}
        placeholder={t('common.filterAll', { field: t('tasks.fields.department') })}
        style={{ width }}
      />
      {showStatus ? (
        <Select
          mode="multiple"
          aria-label={t('tasks.fields.status')}
          value={statuses}
          onChange={(next: string[]) => onChange({ status: next.join(',') || undefined })}
          allowClear
          maxTagCount="responsive"
          placeholder={t('common.filterAll', { field: t('tasks.fields.status') })}
          options={TASK_STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
          style={{ width: isMobile ? '100%' : 220 }}
        />
      ) : null}
      {showDue ? (
        <DatePicker.RangePicker
          aria-label={t('tasks.filters.due')}
          placeholder={[t('tasks.filters.dueFrom'), t('tasks.filters.dueTo')]}
          value={[values.dueFrom ? dayjs(values.dueFrom) : null, values.dueTo ? dayjs(values.dueTo) : null]}
          allowEmpty={[true, true]}
          format={DATE_FORMAT}
          onChange={(range) =>
            onChange({ dueFrom: range?.[0]?.format(DATE_FORMAT) ?? undefined, dueTo: range?.[1]?.format(DATE_FORMAT) ?? undefined })
          }
          style={{ width: isMobile ? '100%' : 250 }}
        />
      ) : null}
      <Select
        aria-label={t('tasks.fields.major')}
        value={values.major}
        onChange={(major?: string) => onChange({ major })}
        allowClear
        placeholder={t('common.filterAll', { field: t('tasks.fields.major') })}
        options={[
          { value: 'true', label: t('tasks.filters.majorOnly') },
          { value: 'false', label: t('tasks.filters.notMajor') },
        ]}
        // Wide enough for "重大任务：全部" whole.
        style={{ width: isMobile ? '100%' : 152 }}
      />
      <Checkbox checked={values.atRisk === 'true'} onChange={(e) => onChange({ atRisk: e.target.checked ? 'true' : undefined })} style={{ alignSelf: 'center' }}>
        {t('tasks.filters.atRiskOnly')}
      </Checkbox>
      {showSort ? (
        <Select
          aria-label={t('tasks.filters.sort')}
          value={sortOf(values)}
          onChange={(sort: string) => onChange({ sort: sort === 'dueDate' ? undefined : sort })}
          options={TASK_SORTS.map((s) => ({ value: s, label: t(`tasks.sorts.${s}`) }))}
          style={{ width: isMobile ? '100%' : 190 }}
        />
      ) : null}
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </FilterBar>
  );
}
