import type { ReactNode } from 'react';
import { Alert, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, FileProtectOutlined, MinusCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDocumentBackupStatus } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';

const GREEN = '#52c41a';
const RED = '#ff4d4f';
const GREY = '#bfbfbf';

function Tile({ icon, color, label, value, testId }: { icon: ReactNode; color: string; label: string; value: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%', borderInlineStart: `4px solid ${color}` }} data-testid={testId}>
      <Flex gap={12} align="flex-start">
        <span style={{ fontSize: 26, color, lineHeight: 1 }}>{icon}</span>
        <div style={{ minWidth: 0 }}>
          <Typography.Text type="secondary">{label}</Typography.Text>
          <div style={{ fontSize: 16, fontWeight: 600 }}>{value}</div>
        </div>
      </Flex>
    </Card>
  );
}

/** DOC-7 for the archivist: when the last backup ran, whether its restore check passed, files covered. */
export function BackupStatusCard() {
  const { t } = useTranslation();
  const status = useDocumentBackupStatus();
  const s = status.data;

  return (
    <Card title={t('documents.archive.backup')} size="small" data-testid="backup-status">
      <Typography.Paragraph type="secondary">{t('documents.archive.backupIntro')}</Typography.Paragraph>
      {status.error ? (
        <LoadError error={status.error} onRetry={() => status.refetch()} />
      ) : !s ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <Flex vertical gap={12}>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={8}>
              <Tile
                testId="backup-last"
                icon={s.lastSucceededAt ? <CheckCircleFilled /> : <CloseCircleFilled />}
                color={s.lastSucceededAt && s.withinWeek ? GREEN : RED}
                label={t('documents.archive.lastBackup')}
                value={
                  !s.lastSucceededAt
                    ? t('documents.archive.lastBackupNone')
                    : s.lastBackup?.status === 'succeeded'
                      ? t('common.withNote', { text: formatDateTime(s.lastSucceededAt), note: t(`documents.archive.backupKind.${s.lastBackup.kind}`) })
                      : formatDateTime(s.lastSucceededAt)
                }
              />
            </Col>
            <Col xs={24} md={8}>
              <Tile
                testId="backup-restore"
                icon={s.restoreVerified ? <CheckCircleFilled /> : s.lastBackup?.restoreCheck === 'failed' ? <CloseCircleFilled /> : <MinusCircleFilled />}
                color={s.restoreVerified ? GREEN : s.lastBackup?.restoreCheck === 'failed' ? RED : GREY}
                label={t('documents.archive.restoreCheck')}
                value={
                  s.restoreVerified
                    ? t('documents.archive.restorePassed')
                    : s.lastBackup?.restoreCheck === 'failed'
                      ? t('documents.archive.restoreFailed')
                      : t('documents.archive.restoreNone')
                }
              />
            </Col>
            <Col xs={24} md={8}>
              <Tile
                testId="backup-files"
                icon={<FileProtectOutlined />}
                color="#1677ff"
                label={t('documents.archive.documentFiles')}
                value={t('documents.archive.documentFilesCount', { count: s.documentFiles })}
              />
            </Col>
          </Row>
          {!s.lastSucceededAt ? <Alert type="warning" showIcon title={t('documents.archive.lastBackupNoneHint')} /> : null}
          {s.lastSucceededAt && !s.withinWeek ? <Alert type="error" showIcon title={t('documents.archive.backupStale')} /> : null}
          {s.lastBackup?.restoreCheck === 'failed' ? (
            <Alert type="error" showIcon title={t('documents.archive.restoreFailedHint', { message: s.lastBackup.restoreCheckMessage ?? '' })} />
          ) : null}
        </Flex>
      )}
    </Card>
  );
}
