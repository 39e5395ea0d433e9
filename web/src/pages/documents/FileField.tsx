import { useState } from 'react';
import { Button, Flex, Typography, Upload } from 'antd';
import { CheckCircleFilled, LockOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatBytes, type TFileMeta } from '@opsdesk/contract';
import { useUploadDocumentFile } from '../../api/documents.ts';
import { useErrorText } from '../../lib/useErrorText.ts';

interface Props {
  id?: string;
  /** The uploaded file's id (the form's value). */
  value?: string | null;
  onChange?: (fileId: string | null) => void;
  /** DOC-4: a secret document's file goes to the encrypted store. */
  secret: boolean;
  /** Told about the uploaded file (name, size) for the form's summary. */
  onUploaded?: (meta: TFileMeta | null) => void;
  uploaded: TFileMeta | null;
  /** While a file is on its way the form should not be saved without it. */
  onBusy?: (busy: boolean) => void;
}

/**
 * The electronic file of a document, uploaded as soon as it is chosen (the form then sends only its
 * id). Chosen under one 密级 and saved under another would put a secret file in the plain store:
 * the form clears this field when the 密级 changes.
 */
export function FileField({ id, value, onChange, secret, onUploaded, uploaded, onBusy }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const upload = useUploadDocumentFile();
  const [error, setError] = useState<string | null>(null);
  const [pendingName, setPendingName] = useState<string | null>(null);

  const start = (file: File) => {
    setError(null);
    setPendingName(file.name);
    onBusy?.(true);
    onChange?.(null);
    onUploaded?.(null);
    upload.mutate(
      { file, secret },
      {
        onSuccess: (meta) => {
          onChange?.(meta.id);
          onUploaded?.(meta);
        },
        onError: (err) => setError(errorText(err)),
        onSettled: () => {
          setPendingName(null);
          onBusy?.(false);
        },
      },
    );
  };

  return (
    <Flex vertical gap={4} id={id}>
      <Upload
        showUploadList={false}
        maxCount={1}
        beforeUpload={(file) => {
          start(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={upload.isPending} data-testid="document-file-button">
          {value ? t('documents.form.replaceFile') : t('documents.form.chooseFile')}
        </Button>
      </Upload>
      {pendingName ? <Typography.Text type="secondary">{t('documents.form.uploading', { name: pendingName })}</Typography.Text> : null}
      {value && uploaded ? (
        <Typography.Text type="success" data-testid="document-file-uploaded">
          {uploaded.secret ? <LockOutlined /> : <CheckCircleFilled />}{' '}
          {t(uploaded.secret ? 'documents.form.uploadedSecret' : 'documents.form.uploaded', { name: uploaded.fileName, size: formatBytes(uploaded.size) })}
        </Typography.Text>
      ) : null}
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
    </Flex>
  );
}
