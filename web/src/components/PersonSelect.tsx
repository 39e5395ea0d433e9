import { useMemo, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../api/org.ts';
import { useDebounced } from '../lib/useDebounced.ts';

interface Option {
  value: number;
  label: string;
}

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  /** Label of the current value, known from the record being edited (e.g. headName). */
  initialLabel?: string | null;
  placeholder?: string;
  style?: CSSProperties;
  /** Include disabled accounts, e.g. to filter the audit log by a former employee. */
  includeInactive?: boolean;
}

/** Picks one person by searching the directory on the server (the list may be long). */
export function PersonSelect({ id, value, onChange, initialLabel, placeholder, style, includeInactive = false }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option | null>(null);
  const q = useDebounced(search.trim(), 300);
  const { data, isFetching } = usePeople({ q: q || undefined, pageSize: 20, active: includeInactive ? undefined : 'true' });

  const options = useMemo(() => {
    const list: Option[] = (data?.items ?? []).map((p) => ({
      value: p.id,
      label: p.departmentName ? `${p.name}（${p.departmentName}）` : p.name,
    }));
    // Keep the current value readable even when it is not on the current search page.
    if (value != null && !list.some((o) => o.value === value)) {
      const label = picked?.value === value ? picked.label : (initialLabel ?? `#${value}`);
      list.unshift({ value, label });
    }
    return list;
  }, [data, value, picked, initialLabel]);

  return (
    <Select<number, Option>
      id={id}
      style={style}
      value={value ?? undefined}
      options={options}
      loading={isFetching}
      allowClear
      placeholder={placeholder ?? t('common.searchPeople')}
      notFoundContent={isFetching ? null : t('common.noMatch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(next, option) => {
        if (option && !Array.isArray(option)) setPicked(option);
        setSearch('');
        onChange?.(next ?? null);
      }}
      popupMatchSelectWidth={false}
    />
  );
}
