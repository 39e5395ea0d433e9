import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { ImportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { exportTasks, taskKeys } from '../../api/tasks.ts';
import { ImportDialog } from '../../components/import/ImportDialog.tsx';
import { filterSearch, toTaskFilters, type TaskUrlValues } from './taskQuery.ts';
import { ExportMenu } from '../../components/ExportMenu.tsx';

interface Props {
  values: TaskUrlValues;
  onCreate: () => void;
  compact: boolean;
}

const PRINT_KEYS = ['scope', 'q', 'ownerId', 'departmentId', 'status', 'dueFrom', 'dueTo', 'major', 'atRisk', 'sort'] as const;

/** UX.md list toolbar: 新建 · 导入 · 导出 (.xlsx / .csv) · 打印, all with the filters on screen. */
export function TaskToolbar({ values, onCreate, compact }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);

  return (
    <Space wrap size={8}>
      <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
        {t('tasks.create')}
      </Button>
      <Button icon={<ImportOutlined />} aria-label={t('io.import')} onClick={() => setImporting(true)}>
        {compact ? null : t('io.import')}
      </Button>
      <ExportMenu run={(format) => exportTasks(toTaskFilters(values), format, t('tasks.sheetTitle'))} compact={compact} />
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
