import { useMemo } from 'react';
import { Card, Skeleton, Tree, TreeSelect, Typography } from 'antd';
import { FolderOpenOutlined, FolderOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TDocumentCategory } from '@opsdesk/contract';

export interface CategoryNode {
  category: TDocumentCategory;
  children: TDocumentCategory[];
}

/** DOC-1: level-1 categories in order, each with its level-2 ones. */
export function categoryTree(categories: readonly TDocumentCategory[]): CategoryNode[] {
  return categories
    .filter((c) => c.parentId === null)
    .map((category) => ({ category, children: categories.filter((c) => c.parentId === category.id) }));
}

const ALL = 'all';

interface Props {
  categories: TDocumentCategory[] | undefined;
  /** Documents per category (what the caller may see), from the stats. */
  counts: ReadonlyMap<number, number>;
  value: number | undefined;
  onChange: (id: number | undefined) => void;
}

function label(c: TDocumentCategory, count: number | undefined) {
  return (
    <span className="od-tree-node">
      <span className="od-tree-name">
        {c.name} <Typography.Text type="secondary">{c.code}</Typography.Text>
      </span>
      {count ? <span className="od-tree-count">{count}</span> : null}
    </span>
  );
}

/** The category tree on the left of the list; a level-1 node includes its level-2 ones. */
export function CategoryTree({ categories, counts, value, onChange }: Props) {
  const { t } = useTranslation();
  const treeData = useMemo(() => {
    const nodes = categoryTree(categories ?? []);
    const total = (node: CategoryNode) => node.children.reduce((n, c) => n + (counts.get(c.id) ?? 0), counts.get(node.category.id) ?? 0);
    return [
      {
        key: ALL,
        title: t('documents.list.allCategories'),
        icon: <FolderOpenOutlined />,
        children: nodes.map((node) => ({
          key: String(node.category.id),
          title: label(node.category, total(node)),
          icon: <FolderOutlined />,
          children: node.children.map((c) => ({ key: String(c.id), title: label(c, counts.get(c.id)), isLeaf: true })),
        })),
      },
    ];
  }, [categories, counts, t]);

  return (
    <Card size="small" title={t('documents.list.categories')} className="od-doc-tree" data-testid="category-tree">
      {categories ? (
        <Tree
          showIcon
          blockNode
          defaultExpandAll
          selectedKeys={[value ? String(value) : ALL]}
          treeData={treeData}
          onSelect={(keys) => {
            const key = keys[0];
            // Clicking the selected node again keeps it (antd would unselect it).
            if (key === undefined) return;
            onChange(key === ALL ? undefined : Number(key));
          }}
        />
      ) : (
        <Skeleton active paragraph={{ rows: 6 }} />
      )}
    </Card>
  );
}

interface SelectProps {
  id?: string;
  categories: TDocumentCategory[] | undefined;
  value?: number | null;
  onChange?: (id: number | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Only level-2 categories may be picked (e.g. a form that requires the finest one). */
  leavesOnly?: boolean;
}

/** The same two levels as a picker (forms; the list's filter at phone width). */
export function CategorySelect({ id, categories, value, onChange, placeholder, allowClear = true, leavesOnly = false }: SelectProps) {
  const treeData = useMemo(
    () =>
      categoryTree(categories ?? []).map((node) => ({
        value: node.category.id,
        title: `${node.category.name}（${node.category.code}）`,
        selectable: !leavesOnly || node.children.length === 0,
        children: node.children.map((c) => ({ value: c.id, title: `${c.name}（${c.code}）` })),
      })),
    [categories, leavesOnly],
  );
  return (
    <TreeSelect<number>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      loading={!categories}
      allowClear={allowClear}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      popupMatchSelectWidth={false}
      style={{ width: '100%', minWidth: 180 }}
    />
  );
}
