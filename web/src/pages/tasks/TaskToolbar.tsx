import { useState } from 'react';
import { App, Button, Dropdown, Space, Typography } from 'antd';
import { DownloadOutlined, DownOutlined, ImportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { TExportFormat } from '@opsdesk/contract';
import { exportTasks, taskKeys } from '../../api/tasks.ts';
import { ImportDialog } from '../../components/import/ImportDialog.tsx';
import { useNotifyError } from '../../lib/useErrorText.ts';
import { filterSearch, toTaskFilters, type TaskUrlValues } from './taskQuery.ts';

interface Props {
  values: TaskUrlValues;
  onCreate: () => void;
  compact: boolean;
}

const PRINT_KEYS = ['scope', 'q', 'ownerId', 'departmentId', 'status', 'dueFrom', 'dueTo', 'major', 'atRisk', 'sort'] as const;

/** UX.md list toolbar: 新建 · 导入 · 导出 (.xlsx / .csv) · 打印, all with the filters on screen. */
export function TaskToolbar({ values, onCreate, compact }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const notifyError = useNotifyError();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);

  const runExport = async (format: TExportFormat) => {
    setExporting(true);
    try {
      const name = await exportTasks(toTaskFilters(values), format, t('tasks.sheetTitle'));
      void message.success(t('io.exported', { name }));
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap size={8}>
      <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
        {t('tasks.create')}
      </Button>
      <Button icon={<ImportOutlined />} aria-label={t('io.import')} onClick={() => setImporting(true)}>
        {compact ? null : t('io.import')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'xlsx', label: t('io.exportXlsx') },
            { key: 'csv', label: t('io.exportCsv') },
          ],
          onClick: ({ key }) => void runExport(key as TExportFormat),
        }}
      >
        <Button icon={<DownloadOutlined />} loading={exporting} aria-label={t('io.export')}>
          {compact ? null : (
            <>
              {t('io.export')} <DownOutlined />
            </>
          )}
        </Button>
      </Dropdown>
      <Button icon={<PrinterOutlined />} aria-label={t('io.print')} onClick={() => void navigate(`/tasks/print${filterSearch(values, PRINT_KEYS)}`)}>
        {compact ? null : t('io.print')}
      </Button>
      {importing ? (
        <ImportDialog
          kind="tasks"
          title={t('tasks.importTitle')}
          templateName={t('tasks.importTemplate')}
          intro={<Typography.Paragraph style={{ margin: 0 }}>{t('tasks.importIntro')}</Typography.Paragraph>}
          onClose={() => setImporting(false)}
          onCommitted={() => void queryClient.invalidateQueries({ queryKey: taskKeys.all })}
        />
      ) : null}
    </Space>
  );
}
