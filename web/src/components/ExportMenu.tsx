import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TExportFormat } from '@opsdesk/contract';
import { useNotifyError } from '../lib/useErrorText.ts';

interface Props {
  /** Downloads the file in that format and resolves with its name. */
  run: (format: TExportFormat) => Promise<string>;
  /** The button's words; 导出 by default. */
  label?: string;
  /** Icon only (phones and narrow toolbars); the label stays for screen readers. */
  compact?: boolean;
  primary?: boolean;
  testId?: string;
}

/** UX.md 导出 ▾: .xlsx or .csv of what is on screen; says the file's name, or why it failed. */
export function ExportMenu({ run, label, compact = false, primary = false, testId }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [exporting, setExporting] = useState(false);
  const words = label ?? t('io.export');

  const runExport = async (format: TExportFormat) => {
    setExporting(true);
    try {
      void message.success(t('io.exported', { name: await run(format) }));
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
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
      <Button type={primary ? 'primary' : 'default'} icon={<DownloadOutlined />} loading={exporting} aria-label={words} data-testid={testId}>
        {compact ? null : (
          <>
            {words} <DownOutlined />
          </>
        )}
      </Button>
    </Dropdown>
  );
}
