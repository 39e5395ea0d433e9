import { Card, Collapse, List, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TDocumentDetail, TDocumentVersion } from '@opsdesk/contract';
import { DocumentNumber, VoidTag, versionText } from './docTags.tsx';

function VersionItem({ v, here }: { v: TDocumentVersion; here: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List.Item
      onClick={here ? undefined : () => void navigate(`/documents/${v.id}`)}
      style={{ cursor: here ? undefined : 'pointer', paddingInline: 0 }}
      data-testid={v.void ? 'version-void' : 'version-current'}
    >
      <List.Item.Meta
        title={
          <Space size={4} wrap>
            <Typography.Text strong className={v.void ? 'od-void' : undefined}>
              {versionText(v.version)}
            </Typography.Text>
            {v.void ? <VoidTag /> : null}
            {here ? <Typography.Text type="secondary">{t('documents.detail.thisVersion')}</Typography.Text> : null}
          </Space>
        }
        description={
          <>
            <DocumentNumber number={v.number} void={v.void} />
            <div>
              <Typography.Text type="secondary">
                {v.creatorName} · {v.createdOn}
                {v.hasFile ? '' : ` · ${t('documents.detail.noFile')}`}
              </Typography.Text>
            </div>
          </>
        }
      />
    </List.Item>
  );
}

/**
 * DOC-8: the current version first; 作废 versions kept apart below it (folded), struck through.
 * Only the archivist is given the void ones to open; everyone sees that they exist.
 */
export function VersionsCard({ doc }: { doc: TDocumentDetail }) {
  const { t } = useTranslation();
  const current = doc.versions.filter((v) => !v.void);
  const voided = doc.versions.filter((v) => v.void);
  return (
    <Card title={t('documents.detail.versions')} size="small" data-testid="versions-card">
      <Typography.Text type="secondary">{t('documents.detail.currentVersion')}</Typography.Text>
      <List size="small" dataSource={current} renderItem={(v) => <VersionItem v={v} here={v.id === doc.id} />} />
      {voided.length === 0 ? null : (
        <Collapse
          ghost
          size="small"
          defaultActiveKey={doc.void ? ['void'] : []}
          items={[
            {
              key: 'void',
              label: `${t('documents.detail.voidVersions')}（${voided.length}）`,
              children: <List size="small" dataSource={voided} renderItem={(v) => <VersionItem v={v} here={v.id === doc.id} />} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
