import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { ImportOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { orgKeys } from '../../../api/org.ts';
import { exportPeople } from '../../../api/peopleIo.ts';
import { ImportDialog } from '../../../components/import/ImportDialog.tsx';
import { filterSearch, toPeopleFilters, type PeopleFilterValues } from './peopleQuery.ts';
import { ExportMenu } from '../../../components/ExportMenu.tsx';

interface Props {
  values: PeopleFilterValues;
  canEdit: boolean;
  onCreate: () => void;
}

/** UX.md list toolbar: 新建 · 导入 · 导出 (.xlsx / .csv) · 打印. */
export function PeopleToolbar({ values, canEdit, onCreate }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);

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
          <ExportMenu run={(format) => exportPeople(toPeopleFilters(values), format, t('people.rosterTitle'))} />
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
