import { Button, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLES } from '@opsdesk/contract';
import { DepartmentSelect } from '../../../components/DepartmentSelect.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';

export const PEOPLE_FILTER_KEYS = ['q', 'departmentId', 'role', 'active', 'scope'] as const;
export type PeopleFilterKey = (typeof PEOPLE_FILTER_KEYS)[number];
type Values = Partial<Record<PeopleFilterKey, string>>;

interface Props {
  values: Values;
  onChange: (patch: Values) => void;
  onReset: () => void;
  isMobile: boolean;
}

export function PeopleFilters({ values, onChange, onReset, isMobile }: Props) {
  const { t } = useTranslation();
  const width = isMobile ? '100%' : 200;
  const departmentId = Number(values.departmentId) || null;
  const activeCount = [values.departmentId, values.role, values.active].filter(Boolean).length;

  const search = (
    // Keyed by the URL value so Back/Forward and 重置 refill the box.
    <Input.Search
      key={values.q ?? ''}
      defaultValue={values.q}
      aria-label={t('people.q')}
      placeholder={t('people.qPlaceholder')}
      allowClear
      enterButton={t('common.search')}
      onSearch={(q) => onChange({ q: q.trim() || undefined })}
      style={{ width: isMobile ? '100%' : 320 }}
    />
  );

  return (
    <FilterBar primary={search} activeCount={activeCount} isMobile={isMobile}>
      <DepartmentSelect
        value={departmentId}
        onChange={(id) => onChange({ departmentId: id ? String(id) : undefined })}
        placeholder={t('common.filterAll', { field: t('people.department') })}
        style={{ width }}
      />
      <Select
        aria-label={t('people.role')}
        value={values.role}
        onChange={(role?: string) => onChange({ role })}
        allowClear
        placeholder={t('common.filterAll', { field: t('people.role') })}
        options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
        style={{ width }}
      />
      <Select
        aria-label={t('people.status')}
        value={values.active}
        onChange={(active?: string) => onChange({ active })}
        allowClear
        placeholder={t('common.filterAll', { field: t('people.status') })}
        options={[
          { value: 'true', label: t('people.active') },
          { value: 'false', label: t('people.inactive') },
        ]}
        style={{ width: isMobile ? '100%' : 140 }}
      />
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </FilterBar>
  );
}
