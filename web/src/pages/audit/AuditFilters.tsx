import { Button, DatePicker, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { PersonSelect } from '../../components/PersonSelect.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { usePerson } from '../../api/org.ts';
import { DATE_FORMAT } from '../../lib/time.ts';

export const AUDIT_FILTER_KEYS = ['actorId', 'entity', 'entityId', 'action', 'from', 'to'] as const;
type Values = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>;

interface Props {
  values: Values;
  onChange: (patch: Values) => void;
  onReset: () => void;
  isMobile: boolean;
}

const validDate = (v: string | undefined) => (v && dayjs(v, DATE_FORMAT, true).isValid() ? dayjs(v, DATE_FORMAT) : null);

export function AuditFilters({ values, onChange, onReset, isMobile }: Props) {
  const { t } = useTranslation();
  const actorId = Number(values.actorId) || undefined;
  // A pasted link carries only the id; fetch the name so the picker shows a person, not a number.
  const { data: actor } = usePerson(actorId);
  const entities = t('audit.entities', { returnObjects: true });
  const actions = t('audit.actions', { returnObjects: true });
  const width = isMobile ? '100%' : 160;
  const activeCount = AUDIT_FILTER_KEYS.filter((key) => values[key]).length;

  return (
    <FilterBar activeCount={activeCount} isMobile={isMobile}>
      <PersonSelect
        value={actorId ?? null}
        initialLabel={actor?.name}
        includeInactive
        onChange={(id) => onChange({ actorId: id ? String(id) : undefined })}
        placeholder={t('common.filterAll', { field: t('audit.actor') })}
        style={{ width: isMobile ? '100%' : 200 }}
      />
      <Select
        aria-label={t('audit.entity')}
        value={values.entity}
        onChange={(entity?: string) => onChange({ entity })}
        allowClear
        placeholder={t('common.filterAll', { field: t('audit.entity') })}
        options={Object.entries(entities).map(([value, label]) => ({ value, label }))}
        style={{ width }}
      />
      <Input.Search
        key={values.entityId ?? ''}
        defaultValue={values.entityId}
        aria-label={t('audit.entityId')}
        placeholder={t('audit.entityId')}
        allowClear
        onSearch={(id) => onChange({ entityId: id.trim() || undefined })}
        style={{ width: isMobile ? '100%' : 140 }}
      />
      <Select
        aria-label={t('audit.action')}
        value={values.action}
        onChange={(action?: string) => onChange({ action })}
        allowClear
        placeholder={t('common.filterAll', { field: t('audit.action') })}
        options={Object.entries(actions).map(([value, label]) => ({ value, label }))}
        style={{ width }}
      />
      <DatePicker.RangePicker
        aria-label={t('audit.dateRange')}
        value={[validDate(values.from), validDate(values.to)]}
        format={DATE_FORMAT}
        allowEmpty={[true, true]}
        onChange={(range) =>
          onChange({ from: range?.[0]?.format(DATE_FORMAT) ?? undefined, to: range?.[1]?.format(DATE_FORMAT) ?? undefined })
        }
        style={{ width: isMobile ? '100%' : 240 }}
      />
      <Button onClick={onReset}>{t('common.reset')}</Button>
    </FilterBar>
  );
}
