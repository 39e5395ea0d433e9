import { useState } from 'react';
import { Alert, Button, Descriptions, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TCalendarImportResult, TCalendarYear } from '@opsdesk/contract';
import { useImportSchedule } from '../../../api/calendar.ts';
import { useErrorText } from '../../../lib/useErrorText.ts';
import { dateRanges, parseScheduleFile, type ParsedSchedule, type ParseProblem } from './scheduleFile.ts';

interface Props {
  years: readonly TCalendarYear[];
  onClose: () => void;
  onDone: (year: number) => void;
}

const EXAMPLE = '[{"date": "2027-01-01", "name": "元旦", "isOffDay": true}, …]';

/** Import a year's official schedule from a JSON file chosen in the browser; mounted only while open. */
export function ImportScheduleModal({ years, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const importSchedule = useImportSchedule();
  const [fileName, setFileName] = useState<string | null>(null);
  const [parsed, setParsed] = useState<ParsedSchedule | null>(null);
  const [problem, setProblem] = useState<ParseProblem | null>(null);
  const [result, setResult] = useState<TCalendarImportResult | null>(null);

  const problemText = (p: ParseProblem) => {
    switch (p.kind) {
      case 'json':
        return t('calendar.fileNotJson');
      case 'shape':
        return t('calendar.fileShape', { example: EXAMPLE });
      case 'item':
        return t('calendar.fileItem', { index: p.index + 1, field: p.field || '—' });
      case 'years':
        return t('calendar.fileYears', { years: p.years.join(t('print.listSep')) });
    }
  };

  const choose = async (file: File) => {
    setFileName(file.name);
    setParsed(null);
    setResult(null);
    importSchedule.reset();
    const outcome = parseScheduleFile(await file.text());
    if ('ok' in outcome) {
      setProblem(null);
      setParsed(outcome.ok);
    } else {
      setProblem(outcome.problem);
    }
  };

  const submit = () => {
    if (!parsed) return;
    importSchedule.mutate({ year: parsed.year, days: parsed.days }, { onSuccess: setResult });
  };

  const existing = parsed ? years.find((y) => y.year === parsed.year && y.source === 'official') : undefined;

  if (result) {
    return (
      <Modal open title={t('calendar.importTitle')} onCancel={() => onDone(result.year)} footer={<Button type="primary" onClick={() => onDone(result.year)}>{t('calendar.importViewYear', { year: result.year })}</Button>}>
        <Result
          status="success"
          title={t('calendar.importDone', { year: result.year })}
          subTitle={t('calendar.importSummary', { holidays: result.holidays, makeup: result.makeupDays, deadlines: result.recomputedDeadlines })}
        />
      </Modal>
    );
  }

  return (
    <Modal
      open
      width={640}
      title={t('calendar.importTitle')}
      onCancel={onClose}
      okText={parsed ? t('calendar.importSubmit', { year: parsed.year }) : t('calendar.import')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !parsed }}
      confirmLoading={importSchedule.isPending}
      onOk={submit}
    >
      <Typography.Paragraph>{t('calendar.importIntro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('calendar.importFormat')} <Typography.Text code>{EXAMPLE}</Typography.Text>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".json,application/json"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void choose(file);
          return false; // read here; nothing goes to the server until 导入
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{fileName ?? t('calendar.importChoose')}</p>
        <p className="ant-upload-hint">{t('calendar.importChooseHint')}</p>
      </Upload.Dragger>
      {problem ? <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('calendar.fileProblem')} description={problemText(problem)} /> : null}
      {parsed ? (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 16 }}>
          <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
            <Descriptions.Item label={t('calendar.importYear')}>{parsed.year}</Descriptions.Item>
            <Descriptions.Item label={t('calendar.importHolidays')}>{parsed.holidays}</Descriptions.Item>
            <Descriptions.Item label={t('calendar.importMakeup')}>{parsed.makeupDays}</Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            rowKey="name"
            pagination={false}
            dataSource={parsed.groups}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('calendar.importName'), dataIndex: 'name' },
              { title: t('calendar.importOff'), key: 'off', render: (_, g) => dateRanges(g.off).join(t('print.listSep')) || t('common.empty') },
              { title: t('calendar.importWork'), key: 'work', render: (_, g) => g.work.join(t('print.listSep')) || t('common.empty') },
            ]}
          />
          {existing ? <Alert type="warning" showIcon title={t('calendar.importReplaces', { year: parsed.year })} /> : null}
          <Alert type="info" showIcon title={t('calendar.importRecompute')} />
        </Space>
      ) : null}
      {importSchedule.error ? <Alert type="error" showIcon style={{ marginTop: 16 }} title={errorText(importSchedule.error)} /> : null}
    </Modal>
  );
}
