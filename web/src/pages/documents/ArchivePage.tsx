import { Alert, Button, Card, DatePicker, Empty, Flex, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { TIDY_PROBLEM_LABELS, type TDocumentSummary, type TTidyItem } from '@opsdesk/contract';
import { exportArchiveList, useArchiveList, useTidyCheck } from '../../api/documents.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { currentLocale } from '../../i18n/index.ts';
import { formatDateTime, companyToday } from '../../lib/time.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { BackupStatusCard } from './BackupStatusCard.tsx';
import { ArchiveGrowthCard } from './ArchiveGrowthCard.tsx';
import { DocumentNumber, SecrecyTag, versionText } from './docTags.tsx';
import { Storage } from './DocumentList.tsx';
import { ExportMenu } from '../../components/ExportMenu.tsx';

const KEYS = ['tab', 'month', 'quarter'] as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;

/** DOC-6 月末整理: the month's new documents with a missing number, file or location, or a broken name. */
function TidyTab({ month, onMonth }: { month: string; onMonth: (m: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const tidy = useTidyCheck(month);
  const data = tidy.data;
  const columns: TableColumnsType<TTidyItem> = [
    { title: t('documents.fields.number'), key: 'number', render: (_, i) => <DocumentNumber number={i.document.number} /> },
    { title: t('documents.fields.name'), key: 'name', render: (_, i) => `${i.document.name} ${versionText(i.document.version)}` },
    { title: t('documents.fields.creator'), key: 'creator', width: 90, render: (_, i) => i.document.creatorName },
    { title: t('documents.fields.createdOn'), key: 'createdOn', width: 110, render: (_, i) => i.document.createdOn },
    {
      title: t('documents.archive.problems'),
      key: 'problems',
      render: (_, i) => (
        <Flex vertical gap={2}>
          <Space size={[4, 4]} wrap>
            {i.problems.map((p) => (
              <Tag key={p} color="red">
                {TIDY_PROBLEM_LABELS[p][currentLocale()]}
              </Tag>
            ))}
          </Space>
          {i.expectedNumber ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('documents.archive.expected')}：<span className="od-doc-number">{i.expectedNumber}</span>
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'fix',
      width: 90,
      render: (_, i) => (
        <Button type="link" size="small" onClick={() => void navigate(`/documents/${i.document.id}`)}>
          {t('documents.archive.fix')}
        </Button>
      ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('documents.archive.monthlyIntro')}
      </Typography.Paragraph>
      <Space wrap>
        <span>{t('documents.archive.month')}</span>
        <DatePicker
          picker="month"
          allowClear={false}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && onMonth(d.format('YYYY-MM'))}
          disabledDate={(d) => d.format('YYYY-MM') > companyToday().slice(0, 7)}
        />
      </Space>
      {tidy.error ? <LoadError error={tidy.error} onRetry={() => tidy.refetch()} /> : null}
      {data ? (
        <>
          <Alert
            type={data.items.length ? 'warning' : 'success'}
            showIcon
            data-testid="tidy-summary"
            title={data.items.length ? t('documents.archive.checked', { count: data.checkedCount, problems: data.items.length }) : t('documents.archive.allGood', { count: data.checkedCount })}
            description={
              data.lastRunAt ? t('documents.archive.lastRun', { time: formatDateTime(data.lastRunAt), count: data.lastRunProblems ?? 0 }) : t('documents.archive.notRun')
            }
          />
          {data.items.length ? (
            <Table<TTidyItem>
              rowKey={(i) => i.document.id}
              size="small"
              columns={columns}
              dataSource={data.items}
              pagination={false}
              scroll={{ x: isMobile ? 800 : undefined }}
            />
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}

/** DOC-6 《文档归档清单》: what was archived in a quarter, exported as .xlsx each quarter. */
function QuarterTab({ quarter, onQuarter }: { quarter: string; onQuarter: (q: string) => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useArchiveList(quarter);
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(-1));
  const columns: TableColumnsType<TDocumentSummary> = [
    { title: t('documents.fields.number'), key: 'number', render: (_, d) => <DocumentNumber number={d.number} /> },
    {
      title: t('documents.fields.name'),
      key: 'name',
      render: (_, d) => (
        <Space size={4} wrap>
          <Typography.Link onClick={() => void navigate(`/documents/${d.id}`)}>{d.name}</Typography.Link>
          <SecrecyTag secrecy={d.secrecy} />
        </Space>
      ),
    },
    { title: t('documents.fields.categoryLevels'), key: 'category', render: (_, d) => d.category.path },
    { title: t('documents.fields.version'), key: 'version', width: 70, render: (_, d) => versionText(d.version) },
    { title: t('documents.fields.creator'), key: 'creator', width: 90, render: (_, d) => d.creator.name },
    { title: t('documents.fields.archivedOn'), key: 'archivedOn', width: 110, render: (_, d) => d.archivedOn ?? t('common.empty') },
    { title: t('documents.fields.storage'), key: 'storage', render: (_, d) => <Storage doc={d} /> },
  ];
  return (
    <Flex vertical gap={12}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('documents.archive.quarterlyIntro')}
      </Typography.Paragraph>
      <Flex wrap gap={8} justify="space-between">
        <Space wrap>
          <span>{t('documents.archive.quarter')}</span>
          <DatePicker
            picker="quarter"
            allowClear={false}
            value={dayjs(`${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`)}
            onChange={(d) => d && onQuarter(quarterOf(d.format('YYYY-MM-DD')))}
            format={(d) => quarterOf(d.format('YYYY-MM-DD'))}
          />
        </Space>
        <Space wrap>
          <ExportMenu run={(format) => exportArchiveList(quarter, format, `${t('documents.archive.quarterlyTitle')}-${quarter}`)} label={t('documents.archive.exportList')} primary testId="archive-list-export" />
          <Button icon={<PrinterOutlined />} onClick={() => void navigate(`/documents/archive/print?quarter=${quarter}`)}>
            {t('io.print')}
          </Button>
        </Space>
      </Flex>
      {list.error ? <LoadError error={list.error} onRetry={() => list.refetch()} /> : null}
      {list.data ? (
        <>
          <Typography.Text strong>{t('documents.archive.quarterRange', { from: list.data.from, to: list.data.to, count: list.data.items.length })}</Typography.Text>
          <Table<TDocumentSummary>
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={list.data.items}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description={t('documents.archive.quarterEmpty')} /> }}
          />
        </>
      ) : null}
    </Flex>
  );
}

/** 归档检查 (archivist): backups (DOC-7), the archive's growth, the month-end tidy check and the quarterly archive list (DOC-6). */
export default function ArchivePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('documents.archive.title'));
  const { values, update } = useUrlState(KEYS);
  const today = companyToday();
  const month = values.month && MONTH.test(values.month) ? values.month : today.slice(0, 7);
  const quarter = values.quarter && QUARTER.test(values.quarter) ? values.quarter : quarterOf(today);
  const tab = values.tab === 'quarterly' ? 'quarterly' : 'monthly';

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <BackupStatusCard />
      <ArchiveGrowthCard />
      <Card title={t('documents.archive.title')}>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'monthly' ? undefined : key })}
          items={[
            { key: 'monthly', label: t('documents.archive.monthly'), children: <TidyTab month={month} onMonth={(m) => update({ month: m })} /> },
            { key: 'quarterly', label: t('documents.archive.quarterly'), children: <QuarterTab quarter={quarter} onQuarter={(q) => update({ quarter: q })} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
