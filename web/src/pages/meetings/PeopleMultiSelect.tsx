import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePeople } from '../../api/org.ts';
import { useDebounced } from '../../lib/useDebounced.ts';

interface Option {
  value: number;
  label: string;
}

interface Props {
  id?: string;
  value?: number[];
  onChange?: (value: number[]) => void;
  /** Names of people already chosen (the meeting being edited), so they read as names. */
  known?: ReadonlyMap<number, string>;
  placeholder?: string;
}

/** Picks several people by searching the directory on the server; chosen names stay readable. */
export function PeopleMultiSelect({ id, value = [], onChange, known, placeholder }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Map<number, string>>(() => new Map());
  const q = useDebounced(search.trim(), 300);
  const { data, isFetching } = usePeople({ q: q || undefined, pageSize: 20, active: 'true' });

  const options = useMemo(() => {
    const list: Option[] = (data?.items ?? []).map((p) => ({
      value: p.id,
      label: p.departmentName ? t('common.withNote', { text: p.name, note: p.departmentName }) : p.name,
    }));
    for (const v of value) {
      if (!list.some((o) => o.value === v)) list.push({ value: v, label: picked.get(v) ?? known?.get(v) ?? `#${v}` });
    }
    return list;
  }, [data, value, picked, known, t]);

  return (
    <Select<number[], Option>
      id={id}
      mode="multiple"
      value={value}
      options={options}
      loading={isFetching}
      allowClear
      placeholder={placeholder ?? t('common.searchPeople')}
      notFoundContent={isFetching ? null : t('common.noMatch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(next, chosen) => {
        const labels = new Map(picked);
        for (const o of Array.isArray(chosen) ? chosen : [chosen]) if (o) labels.set(o.value, o.label);
        setPicked(labels);
        setSearch('');
        onChange?.(next);
      }}
      style={{ width: '100%' }}
    />
  );
}
