import { Alert, Button, Empty, Flex, Skeleton, Typography } from 'antd';
import { DownloadOutlined, EyeInvisibleOutlined, LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TDocumentDetail } from '@opsdesk/contract';
import { documentViewUrl, useDocumentText } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { Watermark } from './Watermark.tsx';

interface Props {
  doc: TDocumentDetail;
  onBorrow?: () => void;
  onDownload?: () => void;
}

/** "张三 2026-11-26 10:05" → the watermark's lines, adding the company's word for what it is. */
function watermarkLines(text: string, label: string): string[] {
  return [text, label];
}

function TextView({ doc, lines }: { doc: TDocumentDetail; lines: string[] | null }) {
  const { t } = useTranslation();
  const text = useDocumentText(doc.id, true);
  if (text.error) return <LoadError error={text.error} onRetry={() => text.refetch()} />;
  if (!text.data) return <Skeleton active paragraph={{ rows: 10 }} />;
  const body = (
    <div className="od-doc-text" data-testid="document-text">
      {text.data.text}
      {text.data.truncated ? <Alert type="info" showIcon title={t('documents.detail.textTruncated')} style={{ marginTop: 12 }} /> : null}
    </div>
  );
  const mark = text.data.watermark ?? (lines ? lines[0] : null);
  return mark ? <Watermark lines={watermarkLines(mark, t('documents.detail.previewViewOnly'))}>{body}</Watermark> : body;
}

/**
 * Safe preview (DOC-3/4): PDFs and images inline from the server (sandboxed, never as a page of this
 * app), Office files as their extracted text. A secret document is view-only under a watermark of
 * the viewer's name and time, with no download offered unless a loan allows it.
 */
export function DocumentPreview({ doc, onBorrow, onDownload }: Props) {
  const { t } = useTranslation();
  const p = doc.permissions;

  if (!doc.file) {
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={doc.paperLocation ? t('documents.detail.previewNone', { location: doc.paperLocation }) : t('documents.detail.previewNoFile')}
      />
    );
  }
  if (!p.canView) {
    const secret = doc.secrecy === 'secret';
    return (
      <Empty
        image={secret ? <LockOutlined style={{ fontSize: 48, color: '#cf1322' }} /> : <EyeInvisibleOutlined style={{ fontSize: 48 }} />}
        // DOC-8: a 作废 version is the archivist's to open; for anyone else the current one is the way in.
        description={t(doc.void ? 'documents.detail.previewVoid' : secret ? 'documents.detail.previewLocked' : 'documents.detail.previewNoRight')}
      >
        {p.canBorrow && onBorrow ? (
          <Button type="primary" onClick={onBorrow}>
            {t('documents.detail.borrow')}
          </Button>
        ) : null}
      </Empty>
    );
  }

  const lines = p.watermark ? watermarkLines(p.watermark, t('documents.detail.previewViewOnly')) : null;
  const viewOnly = !p.canDownload;
  let body;
  if (p.viewMode === 'inline') {
    const src = documentViewUrl(doc.id);
    body = doc.file.mimeType === 'application/pdf' ? (
      // View-only: the PDF viewer's own toolbar (download, print) is hidden; the server sends no attachment.
      <iframe title={doc.name} src={viewOnly ? `${src}#toolbar=0&navpanes=0` : src} className="od-doc-preview" data-testid="document-preview" />
    ) : (
      <img src={src} alt={doc.name} className="od-doc-preview-img" draggable={false} data-testid="document-preview" />
    );
  } else if (p.viewMode === 'text') {
    return (
      <Flex vertical gap={8}>
        {lines ? <Alert type="warning" showIcon title={t(p.canDownload ? 'documents.detail.watermarkHintOwner' : 'documents.detail.watermarkHint')} /> : null}
        <TextView doc={doc} lines={lines} />
      </Flex>
    );
  } else {
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('documents.detail.previewNotSupported')}>
        {p.canDownload && onDownload ? (
          <Button icon={<DownloadOutlined />} onClick={onDownload}>
            {t('documents.detail.download')}
          </Button>
        ) : null}
      </Empty>
    );
  }

  return (
    <Flex vertical gap={8}>
      {lines ? <Alert type="warning" showIcon title={t(p.canDownload ? 'documents.detail.watermarkHintOwner' : 'documents.detail.watermarkHint')} /> : null}
      {lines ? (
        <div className={viewOnly ? 'od-view-only' : undefined} onContextMenu={viewOnly ? (e) => e.preventDefault() : undefined}>
          <Watermark lines={lines}>{body}</Watermark>
        </div>
      ) : (
        body
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {doc.file.fileName}
      </Typography.Text>
    </Flex>
  );
}
