import { useState } from 'react';
import { Button, Card, Flex, Skeleton, Tag, Typography } from 'antd';
import { ImportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCalendarYear } from '@opsdesk/contract';
import { formatDate } from '../../../lib/time.ts';

const RECENT = 4;

interface Props {
  years: readonly TCalendarYear[] | undefined;
  canEdit: boolean;
  onImport: () => void;
  onOpenYear: (year: number) => void;
}

/** Which years have the State Council's schedule (国务院办公厅通知) and which are still 暂定. */
export function YearsPanel({ years, canEdit, onImport, onOpenYear }: Props) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const sorted = [...(years ?? [])].sort((a, b) => b.year - a.year);
  const shown = showAll ? sorted : sorted.slice(0, RECENT);

  const describe = (y: TCalendarYear) => {
    if (y.source === 'fallback') return t('calendar.yearFallbackHint');
    if (!y.importedAt) return t('calendar.yearBundled');
    const when = formatDate(y.importedAt);
    return y.importedByName ? t('calendar.yearImportedBy', { date: when, name: y.importedByName }) : t('calendar.yearBundledAt', { date: when });
  };

  return (
    <Card
      size="small"
      title={t('calendar.yearsTitle')}
      extra={
        canEdit ? (
          <Button size="small" type="link" icon={<ImportOutlined />} onClick={onImport}>
            {t('calendar.importShort')}
          </Button>
        ) : null
      }
    >
      {years ? (
        <Flex vertical>
          {shown.map((y, i) => (
            <Flex
              key={y.year}
              justify="space-between"
              align="center"
              gap={8}
              style={{ paddingBlock: 8, borderTop: i === 0 ? undefined : '1px solid rgba(5,5,5,0.06)' }}
            >
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{t('calendar.yearLabel', { year: y.year })}</Typography.Text>{' '}
                {y.source === 'official' ? (
                  <Tag color="green">{t('calendar.sourceOfficial')}</Tag>
                ) : (
                  <Tag color="orange">{t('calendar.sourceFallback')}</Tag>
                )}
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {describe(y)}
                  </Typography.Text>
                </div>
              </div>
              <Button size="small" type="link" onClick={() => onOpenYear(y.year)}>
                {t('calendar.openYear')}
              </Button>
            </Flex>
          ))}
        </Flex>
      ) : (
        <Skeleton active paragraph={{ rows: 3 }} />
      )}
      {sorted.length > RECENT ? (
        <Button type="link" size="small" onClick={() => setShowAll(!showAll)} style={{ paddingInline: 0 }}>
          {showAll ? t('calendar.showRecent') : t('calendar.showAllYears', { count: sorted.length })}
        </Button>
      ) : null}
    </Card>
  );
}
