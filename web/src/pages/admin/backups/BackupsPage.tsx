import { LoadError } from '../../../components/LoadError.tsx';
import { Alert, App, Button, Card, Flex, Skeleton, Space, Typography } from 'antd';
import { CloudUploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useBackups, useCreateBackup } from '../../../api/system.ts';
import { formatExact } from '../../../lib/time.ts';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';
import { useErrorText } from '../../../lib/useErrorText.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { BackupGlance } from './BackupGlance.tsx';
import { BackupTable } from './BackupTable.tsx';

const NO_FILTERS = [] as const;

/** 备份 (DOC-7): the administrator sees whether the data is safe and can back up now. */
export default function BackupsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('backup.title'));
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const errorText = useErrorText();
  const { page, pageSize, update } = useUrlState(NO_FILTERS);
  const { data, isFetching, error, refetch } = useBackups({ page, pageSize });
  const create = useCreateBackup();

  const backupNow = () =>
    create.mutate(undefined, {
      onSuccess: (backup) => {
        if (backup.status === 'failed') void message.error(t('backup.doneFailed', { message: backup.message ?? '' }));
        else if (backup.restoreCheck === 'failed') void message.warning(t('backup.doneCheckFailed'), 6);
        else void message.success(t('backup.doneOk'));
      },
      onError: (err) => void modal.error({ title: t('backup.failedTitle'), content: errorText(err) }),
    });

  // The newest attempt failed after the last good one: say so above everything else.
  const latest = data?.items[0];
  const latestFailed = page === 1 && latest?.status === 'failed' ? latest : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('backup.title')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('backup.subtitle')}</Typography.Text>
          </div>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={create.isPending} onClick={backupNow}>
            {create.isPending ? t('backup.running') : t('backup.now')}
          </Button>
        </Flex>
        {create.isPending ? <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('backup.runningHint')} /> : null}
      </Card>
      {error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : null}
      {latestFailed ? (
        <Alert
          type="error"
          showIcon
          title={t('backup.latestFailed', { time: formatExact(latestFailed.startedAt) })}
          description={latestFailed.message}
        />
      ) : null}
      {data ? <BackupGlance data={data} /> : error ? null : <Skeleton active paragraph={{ rows: 3 }} />}
      <Card title={t('backup.history')}>
        <BackupTable
          page={data}
          loading={isFetching}
          isMobile={isMobile}
          onPage={(next, size) => update({ page: String(next), pageSize: String(size) })}
        />
      </Card>
    </Space>
  );
}
