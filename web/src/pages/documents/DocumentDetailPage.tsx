import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Flex, Result, Row, Skeleton, Space, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, EditOutlined, FolderAddOutlined, MoreOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '@opsdesk/contract';
import { isApiError } from '../../api/client.ts';
import { downloadDocument, useDocument, useUpdateDocument } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { formatDateTime } from '../../lib/time.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { ArchiveStatusTag, DocumentNumber, ImportantTag, LoanStatusTag, SecrecyTag, VoidTag, versionText } from './docTags.tsx';
import { DocumentFormDrawer, type DocumentFormMode } from './DocumentFormDrawer.tsx';
import { Storage } from './DocumentList.tsx';
import { DocumentPreview } from './DocumentPreview.tsx';
import { GrantsEditor } from './GrantsEditor.tsx';
import { HistoryCard } from './HistoryCard.tsx';
import { LoanApplyDrawer } from './LoanApplyDrawer.tsx';
import { LoanTable } from './LoanTable.tsx';
import { VersionsCard } from './VersionsCard.tsx';

/** A document: its register entry, safe preview, versions, 知悉范围, loans and change history. */
export default function DocumentDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const notifyError = useNotifyError();
  const id = Number(useParams().id);
  const query = useDocument(id);
  const doc = query.data;
  const update = useUpdateDocument(id);
  const [form, setForm] = useState<DocumentFormMode | null>(null);
  const [borrowing, setBorrowing] = useState(false);
  useDocumentTitle(doc ? doc.name : t('documents.title'));

  if (query.error) {
    // DOC-4: a document one may not know about is simply not found.
    return isApiError(query.error) && query.error.status === 404 ? (
      <Result
        status="404"
        title={t('documents.detail.notFound')}
        subTitle={t('documents.detail.notFoundHint')}
        extra={<Button onClick={() => void navigate('/documents')}>{t('documents.detail.back')}</Button>}
      />
    ) : (
      <LoadError error={query.error} onRetry={() => query.refetch()} />
    );
  }
  if (!doc) return <Skeleton active paragraph={{ rows: 12 }} />;

  const p = doc.permissions;
  const download = () =>
    void downloadDocument(doc.id, doc.file?.fileName ?? doc.name)
      .then(() => message.success(t('documents.detail.downloaded')))
      .catch(notifyError);
  const setArchived = (archived: boolean) =>
    update.mutate(
      { archiveStatus: archived ? 'archived' : 'pending' },
      { onSuccess: () => void message.success(archived ? t('documents.detail.archived') : t('common.saved')), onError: notifyError },
    );

  const more = [
    ...(p.canEdit ? [{ key: 'edit', icon: <EditOutlined />, label: t('documents.detail.edit') }] : []),
    ...(p.canArchive
      ? [doc.archiveStatus === 'pending' ? { key: 'archive', icon: <FolderAddOutlined />, label: t('documents.detail.archive') } : { key: 'unarchive', label: t('documents.detail.unarchive') }]
      : []),
  ];
  const onMore = (key: string) => {
    if (key === 'edit') setForm({ kind: 'edit', document: doc });
    if (key === 'archive') setArchived(true);
    if (key === 'unarchive') setArchived(false);
  };

  const hasActions = Boolean(doc.myLoan || p.canBorrow || p.canNewVersion || p.canDownload || more.length);
  const actions = (
    <Space wrap>
      {doc.myLoan ? (
        <Link to={`/documents/loans/${doc.myLoan.id}`} data-testid="my-loan-link">
          <Space size={4}>
            {t('documents.detail.myLoan')}
            <LoanStatusTag loan={{ status: doc.myLoan.status, overdue: false }} />
          </Space>
        </Link>
      ) : null}
      {p.canBorrow ? (
        <Button type="primary" icon={<SwapOutlined />} onClick={() => setBorrowing(true)} data-testid="borrow-button">
          {t('documents.detail.borrow')}
        </Button>
      ) : null}
      {p.canNewVersion ? (
        <Button icon={<UploadOutlined />} onClick={() => setForm({ kind: 'newVersion', document: doc })} data-testid="new-version-button">
          {t('documents.detail.newVersion')}
        </Button>
      ) : null}
      {p.canDownload ? (
        <Button icon={<DownloadOutlined />} onClick={download} data-testid="download-button">
          {t('documents.detail.download')}
        </Button>
      ) : null}
      {more.length ? (
        <Dropdown trigger={['click']} menu={{ items: more, onClick: ({ key }) => onMore(key) }}>
          <Button icon={<MoreOutlined />} aria-label={t('common.more')} loading={update.isPending} />
        </Dropdown>
      ) : null}
    </Space>
  );

  const facts = (
    <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
      <Descriptions.Item label={t('documents.fields.number')}>
        <DocumentNumber number={doc.number} void={doc.void} strong />
      </Descriptions.Item>
      <Descriptions.Item label={t('documents.fields.categoryLevels')}>
        {doc.category.path}（{doc.category.code}）
      </Descriptions.Item>
      <Descriptions.Item label={t('documents.fields.version')}>{versionText(doc.version)}</Descriptions.Item>
      <Descriptions.Item label={t('documents.fields.secrecy')}>
        <SecrecyTag secrecy={doc.secrecy} showInternal />
      </Descriptions.Item>
      <Descriptions.Item label={t('documents.fields.important')}>{t(doc.important ? 'common.yes' : 'common.no')}</Descriptions.Item>
      <Descriptions.Item label={t('documents.fields.creator')}>{doc.creator.name}</Descriptions.Item>
      <Descriptions.Item label={t('documents.fields.createdOn')}>{doc.createdOn}</Descriptions.Item>
      {doc.owner.id !== doc.creator.id ? <Descriptions.Item label={t('documents.fields.owner')}>{doc.owner.name}</Descriptions.Item> : null}
      <Descriptions.Item label={t('documents.fields.archiveStatus')}>
        <Space size={4}>
          <ArchiveStatusTag status={doc.archiveStatus} />
          {doc.archivedOn ? <Typography.Text type="secondary">{doc.archivedOn}</Typography.Text> : null}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('documents.fields.storage')}>
        <Storage doc={doc} />
      </Descriptions.Item>
      {doc.file ? (
        <Descriptions.Item label={t('documents.fields.file')}>
          {doc.file.fileName}（{formatBytes(doc.file.size)}）
        </Descriptions.Item>
      ) : null}
      {doc.note ? (
        <Descriptions.Item label={t('documents.fields.note')} span="filled">
          {doc.note}
        </Descriptions.Item>
      ) : null}
    </Descriptions>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="document-detail">
      <Card
        title={
          <Flex align="center" gap={8} wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('documents.detail.back')} onClick={() => void navigate(-1)} />
            <Typography.Text strong className={doc.void ? 'od-void' : undefined} style={{ fontSize: 16, whiteSpace: 'normal' }}>
              {doc.name}
            </Typography.Text>
            <SecrecyTag secrecy={doc.secrecy} />
            <ImportantTag important={doc.important} />
            {doc.void ? <VoidTag /> : null}
          </Flex>
        }
        extra={isMobile ? null : actions}
      >
        {isMobile && hasActions ? <div style={{ marginBottom: 12 }}>{actions}</div> : null}
        {doc.void && doc.supersededBy ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('documents.detail.supersededBy', { number: doc.supersededBy.number ?? versionText(doc.supersededBy.version) })}
            action={<Link to={`/documents/${doc.supersededBy.id}`}>{t('documents.detail.openCurrent')}</Link>}
          />
        ) : null}
        {facts}
        {doc.voidedAt ? <Typography.Text type="secondary">{t('documents.detail.voidedAt', { time: formatDateTime(doc.voidedAt) })}</Typography.Text> : null}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={t('documents.detail.preview')} size="small">
            <DocumentPreview doc={doc} onBorrow={() => setBorrowing(true)} onDownload={download} />
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <VersionsCard doc={doc} />
            {p.canGrant && doc.grants ? <GrantsEditor doc={doc} /> : null}
          </Space>
        </Col>
      </Row>

      <Card title={p.canSeeLoans ? t('documents.detail.loans') : t('documents.detail.loansMine')} size="small" data-testid="document-loans">
        <LoanTable loans={doc.loans} isMobile={isMobile} showDocument={false} showBorrower={p.canSeeLoans} empty={t('documents.detail.loansEmpty')} />
      </Card>
      <HistoryCard documentId={doc.id} />

      {form ? (
        <DocumentFormDrawer
          mode={form}
          onClose={() => setForm(null)}
          onDone={(next) => {
            setForm(null);
            if (next.id !== doc.id) void navigate(`/documents/${next.id}`);
          }}
        />
      ) : null}
      {borrowing ? (
        <LoanApplyDrawer
          doc={doc}
          limitDays={doc.loanLimitWorkingDays}
          onClose={() => setBorrowing(false)}
          onDone={() => setBorrowing(false)}
        />
      ) : null}
    </Space>
  );
}
