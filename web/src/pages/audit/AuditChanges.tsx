import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldLabel, ROLES, type TAuditEntry } from '@opsdesk/contract';
import { currentLocale } from '../../i18n/index.ts';

type Row = { field: string; before: unknown; after: unknown };

const isRole = (v: unknown): v is (typeof ROLES)[number] => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** The field / before / after table under an expanded audit row. */
export function AuditChanges({ entry }: { entry: TAuditEntry }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // Fields only the audit log shows (e.g. passwordHash) are named here; form fields by the contract.
  const auditFields: Record<string, string> = t('audit.fields', { returnObjects: true });
  const label = (field: string) => auditFields[field] ?? fieldLabel(field, locale);

  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.empty');
    if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
    if (Array.isArray(value)) {
      return value.map((v) => (field === 'roles' && isRole(v) ? t(`roles.${v}`) : show(field, v))).join('、');
    }
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };

  const rows: Row[] = Object.entries(entry.changes).map(([field, change]) => ({ field, ...change }));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;

  return (
    <Table<Row>
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 160, render: (f: string) => label(f) },
        { title: t('audit.before'), key: 'before', render: (_, r) => show(r.field, r.before) },
        { title: t('audit.after'), key: 'after', render: (_, r) => show(r.field, r.after) },
      ]}
    />
  );
}
