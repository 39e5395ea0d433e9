import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TTaskRef } from '@opsdesk/contract';
import { useTasks } from '../../../api/tasks.ts';
import { useDebounced } from '../../../lib/useDebounced.ts';

interface Props {
  id?: string;
  value?: number[];
  onChange?: (value: number[]) => void;
  /** Labels of the current values (the task's predecessors as loaded). */
  known?: readonly TTaskRef[];
  /** The task being edited: it cannot depend on itself. */
  excludeId?: number;
}

/** Picks predecessor tasks (finish-to-start) by number or name, searching every task the user can see. */
export function TaskPicker({ id, value = [], onChange, known = [], excludeId }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [picked, setPicked] = useState<Map<number, string>>(() => new Map(known.map((k) => [k.id, `${k.number} ${k.name}`])));
  const { data, isFetching } = useTasks({ scope: 'all', q: q || undefined, pageSize: 20, sort: '-updatedAt' });

  const options = useMemo(() => {
    const list = (data?.items ?? []).filter((task) => task.id !== excludeId).map((task) => ({ value: task.id, label: `${task.number} ${task.name}` }));
    for (const v of value) if (!list.some((o) => o.value === v)) list.unshift({ value: v, label: picked.get(v) ?? `#${v}` });
    return list;
  }, [data, value, picked, excludeId]);

  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value}
      options={options}
      loading={isFetching}
      placeholder={t('tasks.form.predecessorsPlaceholder')}
      notFoundContent={isFetching ? null : t('tasks.form.noTaskMatch')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      onChange={(next, chosen) => {
        const labels = new Map(picked);
        for (const o of Array.isArray(chosen) ? chosen : []) if (o && typeof o.value === 'number') labels.set(o.value, String(o.label));
        setPicked(labels);
        setSearch('');
        onChange?.(next);
      }}
      style={{ width: '100%' }}
    />
  );
}
