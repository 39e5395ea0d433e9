import { Badge, Card, Col, Empty, List, Row, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { WORKBENCH_SECTION_KEYS, type TWorkbenchSection } from '@opsdesk/contract';
import { useWorkbench } from '../api/workbench.ts';
import { LoadError } from '../components/LoadError.tsx';
import { formatWhen } from '../lib/time.ts';

type KnownKey = (typeof WORKBENCH_SECTION_KEYS)[number];
const isKnown = (key: string): key is KnownKey => (WORKBENCH_SECTION_KEYS as readonly string[]).includes(key);

/** The full list behind each section; modules not built yet have none. */
const LIST_PATH: Partial<Record<KnownKey, string>> = {
  approvals: '/approvals',
  tasks: '/tasks',
  notifications: '/notifications?unread=true',
  loans: '/documents/loans',
  meetings: '/meetings',
};

function SectionCard({ section }: { section: TWorkbenchSection }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const key = section.key;
  const title = isKnown(key) ? t(`workbench.sections.${key}`) : key;
  const listPath = isKnown(key) ? LIST_PATH[key] : undefined;
  return (
    <Card
      data-testid={`workbench-${section.key}`}
      title={
        <span>
          {title} <Badge count={section.count} showZero color={section.count ? undefined : '#bfbfbf'} data-testid={`workbench-count-${section.key}`} />
        </span>
      }
      extra={listPath ? <Typography.Link onClick={() => void navigate(listPath)}>{t('workbench.viewAll')}</Typography.Link> : null}
      styles={{ body: { paddingBlock: 8 } }}
      style={{ height: '100%' }}
    >
      {section.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={isKnown(key) ? t(`workbench.empty.${key}`) : t('workbench.emptyOther')} />
      ) : (
        <List
          size="small"
          dataSource={section.items}
          renderItem={(item) => (
            <List.Item
              style={{ cursor: item.link ? 'pointer' : undefined, paddingInline: 0 }}
              onClick={() => item.link && void navigate(item.link)}
              extra={
                item.at ? (
                  <Typography.Text type={item.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
                    {formatWhen(item.at)}
                  </Typography.Text>
                ) : null
              }
            >
              <List.Item.Meta
                title={<Typography.Text type={item.overdue ? 'danger' : undefined} ellipsis>{item.title}</Typography.Text>}
                description={item.subtitle ? <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>{item.subtitle}</Typography.Text> : null}
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** ALL-3 我的工作台: one card per section the server returns, each with its count and list link. */
export function WorkbenchSections() {
  const query = useWorkbench();
  if (query.isError) return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton active paragraph={{ rows: 6 }} />;
  return (
    <Row gutter={[16, 16]}>
      {query.data.sections.map((section) => (
        <Col key={section.key} xs={24} lg={12}>
          <SectionCard section={section} />
        </Col>
      ))}
    </Row>
  );
}
