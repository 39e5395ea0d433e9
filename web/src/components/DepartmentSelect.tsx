import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartments } from '../api/org.ts';
import { buildDepartmentTree, type DepartmentNode } from '../lib/departmentTree.ts';

interface TreeOption {
  value: number;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

function toOptions(nodes: DepartmentNode[], disabled: ReadonlySet<number>): TreeOption[] {
  return nodes.map((node) => ({
    value: node.id,
    title: node.name,
    disabled: disabled.has(node.id),
    children: node.children ? toOptions(node.children, disabled) : undefined,
  }));
}

interface Props {
  id?: string;
  value?: number | null;
  onChange?: (value: number | null) => void;
  placeholder?: string;
  /** Departments that cannot be picked (a department cannot move under itself). */
  exclude?: ReadonlySet<number>;
  style?: CSSProperties;
  allowClear?: boolean;
}

export function DepartmentSelect({ id, value, onChange, placeholder, exclude, style, allowClear = true }: Props) {
  const { t } = useTranslation();
  const { data, isPending } = useDepartments();
  const treeData = useMemo(() => toOptions(buildDepartmentTree(data ?? []), exclude ?? new Set()), [data, exclude]);

  return (
    <TreeSelect<number>
      id={id}
      style={style}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      loading={isPending}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      placeholder={placeholder ?? t('common.all')}
      popupMatchSelectWidth={false}
    />
  );
}
