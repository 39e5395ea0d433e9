import { useState } from 'react';
import { Button, Card, Empty, Flex, Pagination, Tag, Typography, type PaginationProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TAuditEntry, TAuditPage } from '@opsdesk/contract';
import { formatExact } from '../../lib/time.ts';
import { AuditChanges } from './AuditChanges.tsx';

interface Props {
  page: TAuditPage | undefined;
  pagination: PaginationProps;
  entities: Record<string, string>;
  actions: Record<string, string>;
}

function EntryCard({ entry, entities, actions }: { entry: TAuditEntry } & Omit<Props, 'page' | 'pagination'>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const changeCount = Object.keys(entry.changes).length;
  return (
    <Card size="small">
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text strong>{entry.actorName ?? t('audit.system')}</Typography.Text>
        <Typography.Text type="secondary">{formatExact(entry.at)}</Typography.Text>
      </Flex>
      <div style={{ marginTop: 4 }}>
        <Tag color="blue">{actions[entry.action] ?? entry.action}</Tag>
        {entities[entry.entity] ?? entry.entity}
        {entry.entityId ? ` #${entry.entityId}` : ''}
      </div>
      <Flex justify="space-between" align="center" style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{entry.ip ?? ''}</Typography.Text>
        {changeCount > 0 ? (
          <Button type="link" size="small" aria-expanded={open} onClick={() => setOpen(!open)}>
            {t('audit.changes')}（{changeCount}）
          </Button>
        ) : null}
      </Flex>
      {open ? <AuditChanges entry={entry} /> : null}
    </Card>
  );
}

/** UX.md: at phone width the log is a list of cards; changes open under each card. */
export function AuditCards({ page, pagination, entities, actions }: Props) {
  const { t } = useTranslation();
  if (!page) return <Card size="small" loading />;
  if (page.items.length === 0) return <Empty description={t('audit.empty')} />;
  return (
    <Flex vertical gap={8}>
      {page.items.map((entry) => (
        <EntryCard key={entry.id} entry={entry} entities={entities} actions={actions} />
      ))}
      <Pagination {...pagination} simple style={{ alignSelf: 'center' }} />
    </Flex>
  );
}
