import { companyToday } from '../../lib/time.ts';
import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Descriptions, Drawer, Form, Input, Radio, Row, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PAPER_LOCATION_PATTERN, SECRECY_LEVELS, type TDocumentDetail, type TFileMeta, type TSecrecy } from '@opsdesk/contract';
import { useCreateDocument, useDocumentCategories, useNewVersion, useUpdateDocument } from '../../api/documents.ts';
import { applyFieldErrors } from '../../lib/formErrors.ts';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { CategorySelect } from './CategoryTree.tsx';
import { DocumentNumber } from './docTags.tsx';
import { FileField } from './FileField.tsx';
import { numberPreview } from './numberPreview.ts';

export type DocumentFormMode =
  | { kind: 'create'; categoryId?: number }
  | { kind: 'newVersion'; document: TDocumentDetail }
  | { kind: 'edit'; document: TDocumentDetail };

interface Values {
  categoryId?: number | null;
  name?: string;
  secrecy: TSecrecy;
  important: boolean;
  fileId?: string | null;
  paperLocation?: string;
  note?: string;
}

const FIELDS = ['categoryId', 'name', 'secrecy', 'important', 'fileId', 'paperLocation', 'note'] as const;

interface Props {
  mode: DocumentFormMode;
  onClose: () => void;
  onDone: (doc: TDocumentDetail) => void;
}

/**
 * 登记文档 / 上传新版本 / 编辑登记信息. DOC-2: the number is shown as the system will issue it
 * (分类编码-日期-文档名称-版本号); DOC-5: 重要 follows the category unless changed here; DOC-8: a
 * new version says plainly that the current one becomes 作废. Mount only while open.
 */
export function DocumentFormDrawer({ mode, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const categories = useDocumentCategories();
  const doc = mode.kind === 'create' ? null : mode.document;
  const create = useCreateDocument();
  const newVersion = useNewVersion(doc?.id ?? 0);
  const update = useUpdateDocument(doc?.id ?? 0);
  const [uploading, setUploading] = useState(false);
  const pending = create.isPending || newVersion.isPending || update.isPending;
  const [uploaded, setUploaded] = useState<TFileMeta | null>(null);
  // Once the creator sets 重要 by hand, a change of category no longer overrides it.
  const [importantTouched, setImportantTouched] = useState(mode.kind !== 'create');

  const categoryId = Form.useWatch('categoryId', form) ?? (doc ? doc.category.id : null);
  const name = Form.useWatch('name', form) ?? doc?.name ?? '';
  const secrecy = Form.useWatch('secrecy', form) ?? doc?.secrecy ?? 'internal';
  const category = useMemo(() => categories.data?.find((c) => c.id === categoryId) ?? null, [categories.data, categoryId]);
  const version = mode.kind === 'newVersion' ? mode.document.version + 1 : (doc?.version ?? 1);

  // Taken once when the drawer mounts: a parent re-rendering must not reset what was typed.
  const [initial] = useState<Values>(() =>
    mode.kind === 'create'
      ? { categoryId: mode.categoryId ?? null, secrecy: 'internal', important: false }
      : { secrecy: mode.document.secrecy, important: mode.document.important, paperLocation: mode.document.paperLocation ?? '', note: mode.document.note ?? '' },
  );

  // DOC-5: 重要 defaults from the category.
  useEffect(() => {
    if (mode.kind === 'create' && category && !importantTouched) form.setFieldValue('important', category.defaultImportant);
  }, [category, importantTouched, mode.kind, form]);

  const onError = (err: unknown) => {
    if (!applyFieldErrors(form, err, FIELDS)) notifyError(err);
  };

  const onFinish = (v: Values) => {
    const paper = v.paperLocation?.trim() || null;
    const note = v.note?.trim() || null;
    if (mode.kind === 'create') {
      create.mutate(
        { name: v.name ?? '', categoryId: v.categoryId ?? 0, secrecy: v.secrecy, important: v.important, fileId: v.fileId ?? null, paperLocation: paper, note },
        {
          onSuccess: (created) => {
            void message.success(t('documents.form.created', { number: created.number ?? created.name }));
            onDone(created);
          },
          onError,
        },
      );
    } else if (mode.kind === 'newVersion') {
      newVersion.mutate(
        { fileId: v.fileId ?? null, paperLocation: paper, secrecy: v.secrecy, important: v.important, note },
        {
          onSuccess: (next) => {
            void message.success(t('documents.form.versionCreated', { number: next.number ?? next.name }));
            onDone(next);
          },
          onError,
        },
      );
    } else {
      update.mutate(
        { important: v.important, paperLocation: paper, note, ...(v.fileId ? { fileId: v.fileId } : {}) },
        {
          onSuccess: (saved) => {
            void message.success(t('common.saved'));
            onDone(saved);
          },
          onError,
        },
      );
    }
  };

  const preview = category && name.trim() ? numberPreview({ categoryCode: category.code, date: companyToday(), name, version }) : null;
  const title =
    mode.kind === 'create' ? t('documents.form.createTitle') : mode.kind === 'newVersion' ? t('documents.form.newVersionTitle') : t('documents.form.editTitle');
  const submit =
    mode.kind === 'create' ? t('documents.form.submitCreate') : mode.kind === 'newVersion' ? t('documents.form.submitVersion') : t('common.save');
  const showFile = mode.kind !== 'edit' || !mode.document.file;

  return (
    <Drawer
      open
      title={title}
      onClose={onClose}
      size={isMobile ? '100%' : 640}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={pending} disabled={uploading} onClick={() => form.submit()} data-testid="document-form-submit">
            {submit}
          </Button>
        </Space>
      }
    >
      {mode.kind === 'newVersion' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('documents.form.versionWarning', { number: mode.document.number ?? mode.document.name })} />
      ) : null}
      <Form<Values> name="document" form={form} layout="vertical" initialValues={initial} onFinish={onFinish} disabled={pending}>
        {mode.kind === 'create' ? (
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="categoryId" label={t('documents.form.category')} rules={[{ required: true, message: t('common.requiredSelect', { field: t('documents.form.category') }) }]}>
                <CategorySelect categories={categories.data} placeholder={t('documents.form.categoryPlaceholder')} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item
                name="name"
                label={t('documents.form.name')}
                extra={t('documents.form.nameHint')}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('documents.form.name') }) },
                  { max: 100 },
                  { pattern: /^(?!.*-V\d+\s*$)/, message: t('documents.form.nameHint') },
                ]}
              >
                <Input maxLength={100} placeholder={t('documents.form.namePlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
        ) : (
          <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('documents.fields.name')}>{mode.document.name}</Descriptions.Item>
            <Descriptions.Item label={t('documents.fields.category')}>{mode.document.category.path}</Descriptions.Item>
          </Descriptions>
        )}

        <Form.Item label={t('documents.form.numberPreview')} extra={mode.kind === 'edit' ? undefined : t('documents.form.numberPreviewHint')}>
          <div data-testid="number-preview">
            {mode.kind === 'edit' ? (
              <DocumentNumber number={mode.document.number} strong />
            ) : preview ? (
              <DocumentNumber number={preview} strong />
            ) : (
              <Typography.Text type="secondary">{t('documents.form.numberPending')}</Typography.Text>
            )}
          </div>
          {category ? (
            <Typography.Text type="secondary">
              {t('documents.form.archivePath')}：{category.archivePath}
            </Typography.Text>
          ) : null}
        </Form.Item>

        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="secrecy" label={t('documents.form.secrecy')} extra={secrecy === 'secret' ? t('documents.form.secretHint') : undefined}>
              <Radio.Group
                disabled={mode.kind === 'edit'}
                optionType="button"
                buttonStyle="solid"
                options={SECRECY_LEVELS.map((s) => ({ value: s, label: t(`documents.secrecy.${s}`) }))}
                onChange={() => {
                  // The file was stored for the old 密级: choose it again (see FileField).
                  if (form.getFieldValue('fileId')) {
                    form.setFieldValue('fileId', null);
                    setUploaded(null);
                    void message.info(t('documents.form.secretChangedFile'));
                  }
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="important"
              label={t('documents.form.important')}
              valuePropName="checked"
              extra={
                <>
                  {t('documents.form.importantHint')}
                  {category && mode.kind === 'create' ? (
                    <div>
                      {t('documents.form.importantDefault', { category: category.path, value: t(category.defaultImportant ? 'documents.yes' : 'documents.no') })}
                    </div>
                  ) : null}
                </>
              }
            >
              <Switch onChange={() => setImportantTouched(true)} aria-label={t('documents.form.important')} />
            </Form.Item>
          </Col>
        </Row>

        {showFile ? (
          <Form.Item name="fileId" label={t('documents.form.file')} extra={t('documents.form.fileHint')}>
            <FileField secret={secrecy === 'secret'} uploaded={uploaded} onUploaded={setUploaded} onBusy={setUploading} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="paperLocation"
          label={t('documents.form.paperLocation')}
          extra={t('documents.form.paperLocationHint')}
          dependencies={['fileId']}
          rules={[
            { pattern: PAPER_LOCATION_PATTERN, message: t('documents.form.paperLocationInvalid') },
            // DOC-3: the electronic file and/or the paper location — at least one of them.
            ({ getFieldValue }) => ({
              validator: (_, value?: string) =>
                mode.kind === 'edit' || getFieldValue('fileId') || value?.trim() ? Promise.resolve() : Promise.reject(new Error(t('documents.form.storageRequired'))),
            }),
          ]}
        >
          <Input placeholder={t('documents.form.paperLocationPlaceholder')} maxLength={20} allowClear />
        </Form.Item>
        <Form.Item name="note" label={t('documents.form.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
