import { useState } from 'react';
import { App, Button, Dropdown, Space, Typography } from 'antd';
import { DownloadOutlined, DownOutlined, ImportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import type { TExportFormat } from '@opsdesk/contract';
import { orgKeys } from '../../../api/org.ts';
import { exportPeople } from '../../../api/peopleIo.ts';
import { ImportDialog } from '../../../components/import/ImportDialog.tsx';
import { useNotifyError } from '../../../lib/useErrorText.ts';
import { filterSearch, toPeopleFilters, type PeopleFilterValues } from './peopleQuery.ts';

interface Props {
  values: PeopleFilterValues;
  canEdit: boolean;
  onCreate: () => void;
}

/** UX.md list toolbar: 新建 · 导入 · 导出 (.xlsx / .csv) · 打印. */
export function PeopleToolbar({ values, canEdit, onCreate }: Props) {
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
      const name = await exportPeople(toPeopleFilters(values), format, t('people.rosterTitle'));
      void message.success(t('io.exported', { name }));
    } catch (err) {
      notifyError(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Space wrap size={8}>
      {canEdit ? (
        <>
          <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
            {t('people.create')}
          </Button>
          <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
            {t('io.import')}
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
            <Button icon={<DownloadOutlined />} loading={exporting}>
              {t('io.export')} <DownOutlined />
            </Button>
          </Dropdown>
        </>
      ) : null}
      <Button icon={<PrinterOutlined />} onClick={() => void navigate(`/admin/people/print${filterSearch(values)}`)}>
        {t('io.print')}
      </Button>
      {importing ? (
        <ImportDialog
          kind="people"
          title={t('people.importTitle')}
          templateName={t('people.importTemplate')}
          intro={<Typography.Paragraph style={{ margin: 0 }}>{t('people.importIntro')}</Typography.Paragraph>}
          doneHint={t('people.importPasswordHint')}
          onClose={() => setImporting(false)}
          onCommitted={() => {
            // New people move the list and the departments' member counts.
            void queryClient.invalidateQueries({ queryKey: orgKeys.peopleAll });
            void queryClient.invalidateQueries({ queryKey: orgKeys.departments });
          }}
        />
      ) : null}
    </Space>
  );
}
