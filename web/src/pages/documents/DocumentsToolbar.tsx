import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { ImportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { documentKeys, exportDocuments, type DocumentFilters } from '../../api/documents.ts';
import { ImportDialog } from '../../components/import/ImportDialog.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';

interface Props {
  filters: DocumentFilters;
  /** Query string of the current view (for the print page). */
  search: string;
  canImport: boolean;
  onCreate: () => void;
  isMobile: boolean;
}

/** UX.md list toolbar: 新建 · 导入 · 导出 (.xlsx / .csv) · 打印 (文档归档登记表). */
export function DocumentsToolbar({ filters, search, canImport, onCreate, isMobile }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);

  return (
    <Space wrap size={8}>
      <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
        {t('documents.list.create')}
      </Button>
      {canImport ? (
        <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
          {t('io.import')}
        </Button>
      ) : null}
      <ExportMenu run={(format) => exportDocuments(filters, format, t('documents.list.registerTitle'))} />
      {isMobile ? null : (
        <Button icon={<PrinterOutlined />} onClick={() => void navigate(`/documents/print${search}`)}>
          {t('io.print')}
        </Button>
      )}
      {importing ? (
        <ImportDialog
          kind="documents"
          title={t('documents.list.importTitle')}
          templateName={t('documents.list.importTemplate')}
          intro={<Typography.Paragraph style={{ margin: 0 }}>{t('documents.list.importIntro')}</Typography.Paragraph>}
          doneHint={t('documents.list.importDoneHint')}
          onClose={() => setImporting(false)}
          onCommitted={() => void queryClient.invalidateQueries({ queryKey: documentKeys.all })}
        />
      ) : null}
    </Space>
  );
}
