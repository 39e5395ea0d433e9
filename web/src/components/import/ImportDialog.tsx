import { useState, type ReactNode } from 'react';
import { Alert, App, Button, Flex, Modal, Progress, Result, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TExportFormat, TImportJob, TImportKind } from '@opsdesk/contract';
import { downloadTemplate, useCommitImport, useImportJob, useUploadImport } from '../../api/imports.ts';
import { useErrorText, useNotifyError } from '../../lib/useErrorText.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { ImportReview } from './ImportReview.tsx';

interface Props {
  kind: TImportKind;
  title: string;
  /** Fallback name of the empty template, without extension. */
  templateName: string;
  /** What to know before choosing a file (shown on the first step). */
  intro?: ReactNode;
  /** What to do next, shown with the success summary. */
  doneHint?: ReactNode;
  onClose: () => void;
  onCommitted?: (job: TImportJob) => void;
}

/**
 * Spreadsheet import for any list (contract/src/imports.ts): upload → progress while the server
 * reads → preview with every row error → 确认导入, refused while any error remains. Mount it only
 * while open, so each opening starts from the first step.
 */
export function ImportDialog({ kind, title, templateName, intro, doneHint, onClose, onCommitted }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const errorText = useErrorText();
  const notifyError = useNotifyError();
  const [jobId, setJobId] = useState<number | null>(null);
  const upload = useUploadImport(kind);
  const commit = useCommitImport();
  const { data: polled, error: pollError } = useImportJob(jobId);
  const job = commit.data ?? polled;

  const start = (file: File) => {
    commit.reset();
    upload.mutate(file, { onSuccess: (created) => setJobId(created.id) });
  };
  const restart = () => {
    setJobId(null);
    upload.reset();
    commit.reset();
  };
  const confirm = () => {
    if (jobId === null) return;
    commit.mutate(jobId, {
      onSuccess: (done) => {
        void message.success(t('io.importDoneToast', { count: done.committedCount ?? 0 }));
        onCommitted?.(done);
      },
    });
  };
  const getTemplate = (format: TExportFormat) => void downloadTemplate(kind, format, templateName).catch(notifyError);

  const reading = upload.isPending || (jobId !== null && (!job || job.status === 'reading'));
  const ready = job?.status === 'ready';
  const rows = job ? (job.progress.rowsTotal ?? job.progress.rowsRead) : 0;
  const committed = job?.status === 'committed';

  let body: ReactNode;
  let footer: ReactNode;
  if (committed && job) {
    body = (
      <Result
        status="success"
        title={t('io.importDone', { count: job.committedCount ?? 0 })}
        subTitle={job.fileName}
        extra={doneHint ? <Alert type="info" showIcon title={doneHint} style={{ textAlign: 'start' }} /> : null}
      />
    );
    footer = (
      <Button type="primary" onClick={onClose}>
        {t('io.finish')}
      </Button>
    );
  } else if (reading) {
    const percent = job?.progress.percent ?? 0;
    body = (
      <div style={{ paddingBlock: 24 }} data-testid="import-progress">
        <Typography.Paragraph>
          {upload.isPending ? t('io.uploading', { name: upload.variables?.name ?? '' }) : t('io.reading', { name: job?.fileName ?? '' })}
        </Typography.Paragraph>
        <Progress percent={percent} status="active" />
        <Typography.Text type="secondary">{t('io.rowsRead', { count: job?.progress.rowsRead ?? 0 })}</Typography.Text>
        {pollError ? <Alert type="error" showIcon title={errorText(pollError)} style={{ marginTop: 16 }} /> : null}
      </div>
    );
    footer = <Button onClick={onClose}>{t('common.cancel')}</Button>;
  } else if (job?.status === 'failed') {
    body = <Alert type="error" showIcon title={t('io.readFailed', { name: job.fileName })} description={job.failure} />;
    footer = (
      <Space>
        <Button onClick={onClose}>{t('common.close')}</Button>
        <Button type="primary" onClick={restart}>
          {t('io.chooseAgain')}
        </Button>
      </Space>
    );
  } else if (ready && job) {
    const blocked = job.errorCount > 0 || rows === 0;
    body = <ImportReview job={job} rows={rows} commitError={commit.error ? errorText(commit.error) : null} />;
    footer = (
      <Space wrap>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button onClick={restart}>{t('io.chooseAgain')}</Button>
        <Button type="primary" disabled={blocked} loading={commit.isPending} onClick={confirm}>
          {t('io.commit', { count: rows })}
        </Button>
      </Space>
    );
  } else {
    body = (
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {intro}
        <Upload.Dragger
          accept=".xlsx,.csv"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            start(file);
            return false; // our own request: multipart with the CSRF header, then polling
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('io.choose')}</p>
          <p className="ant-upload-hint">{t('io.chooseHint')}</p>
        </Upload.Dragger>
        {upload.error ? <Alert type="error" showIcon title={errorText(upload.error)} /> : null}
        <Flex wrap gap={4} align="center">
          <Typography.Text type="secondary">{t('io.templateHint')}</Typography.Text>
          <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => getTemplate('xlsx')}>
            {t('io.templateXlsx')}
          </Button>
          <Button type="link" size="small" onClick={() => getTemplate('csv')}>
            {t('io.templateCsv')}
          </Button>
        </Flex>
      </Space>
    );
    footer = <Button onClick={onClose}>{t('common.cancel')}</Button>;
  }

  return (
    <Modal
      open
      title={title}
      width={isMobile ? '100%' : 880}
      style={isMobile ? { top: 0, maxWidth: '100vw', paddingBottom: 0 } : undefined}
      onCancel={onClose}
      footer={footer}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {body}
    </Modal>
  );
}
