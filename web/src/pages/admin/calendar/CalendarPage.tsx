import { LoadError } from '../../../components/LoadError.tsx';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { ImportOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { TCalendarDay } from '@opsdesk/contract';
import { useCalendarMonth, useCalendarYears } from '../../../api/calendar.ts';
import { useMe } from '../../../api/session.ts';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { MONTH_RE, shiftMonth, thisMonth, todayInCompany } from './dayKind.ts';
import { MonthGrid } from './MonthGrid.tsx';
import { DayOverrideModal } from './DayOverrideModal.tsx';
import { YearsPanel } from './YearsPanel.tsx';
import { ImportScheduleModal } from './ImportScheduleModal.tsx';
import { CalendarLegend } from './CalendarLegend.tsx';

/** 工作日历 (ALL-6): everyone reads it; the administrator sets company days and imports each year's schedule. */
export default function CalendarPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('calendar.title'));
  const me = useMe();
  const canEdit = me.roles.includes('admin');
  const isMobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const asked = params.get('month') ?? '';
  const month = MONTH_RE.test(asked) ? asked : thisMonth();
  const { data, error, refetch, isFetching } = useCalendarMonth(month);
  const years = useCalendarYears();
  const [picked, setPicked] = useState<TCalendarDay | null>(null);
  const [importing, setImporting] = useState(false);

  // The month is always in the URL, so a pasted link shows the same month whenever it is opened.
  const go = (next: string) => setParams({ month: next });
  const first = dayjs(`${month}-01`);
  // zh-CN writes 2026年10月; en-US October 2026 (the name always in English there).
  const title = t('calendar.monthTitle', { year: first.year(), month: first.month() + 1, monthName: first.locale('en').format('MMMM') });
  // The 'import next year' warning asks for an admin's action; others see 暂定 on the month itself.
  const warning = canEdit ? years.data?.warning : null;
  const importButton = canEdit ? (
    <Button icon={<ImportOutlined />} onClick={() => setImporting(true)}>
      {t('calendar.import')}
    </Button>
  ) : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {warning ? (
        <Alert
          type="warning"
          showIcon
          title={t('calendar.warningTitle', { year: warning.year })}
          description={
            isMobile && importButton ? (
              <Space orientation="vertical">
                {warning.message}
                {importButton}
              </Space>
            ) : (
              warning.message
            )
          }
          action={isMobile ? undefined : importButton}
          data-testid="calendar-warning"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
            <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
              <Flex align="center" gap={8} wrap>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {t('calendar.title')}
                </Typography.Title>
                <Typography.Text strong style={{ fontSize: 16 }} data-testid="calendar-month">
                  {title}
                </Typography.Text>
                {data?.provisional ? (
                  <Tooltip title={t('calendar.provisionalHint')}>
                    <Tag color="orange">{t('calendar.provisional')}</Tag>
                  </Tooltip>
                ) : null}
              </Flex>
              <Space.Compact>
                <Button icon={<LeftOutlined />} aria-label={t('calendar.prevMonth')} onClick={() => go(shiftMonth(month, -1))} />
                <DatePicker
                  picker="month"
                  allowClear={false}
                  value={first}
                  format={i18n.language === 'en-US' ? 'YYYY-MM' : 'YYYY年MM月'}
                  onChange={(value) => value && go(value.format('YYYY-MM'))}
                  style={{ width: isMobile ? 120 : 130 }}
                  aria-label={t('calendar.pickMonth')}
                />
                <Button icon={<RightOutlined />} aria-label={t('calendar.nextMonth')} onClick={() => go(shiftMonth(month, 1))} />
                <Button onClick={() => go(thisMonth())} disabled={month === thisMonth()}>
                  {t('calendar.thisMonth')}
                </Button>
              </Space.Compact>
            </Flex>
            {error ? (
              <LoadError error={error} onRetry={refetch} />
            ) : data ? (
              <>
                {/* The page-wide warning already says it when it is about this month's year. */}
                {data.provisional && warning?.year !== first.year() ? (
                  <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('calendar.provisionalMonth', { year: first.year() })} />
                ) : null}
                <div style={{ opacity: isFetching && data.month !== month ? 0.6 : 1 }}>
                  <MonthGrid days={data.days} today={todayInCompany()} onPick={canEdit ? setPicked : undefined} />
                </div>
                <Flex justify="space-between" wrap gap={8} style={{ marginTop: 12 }}>
                  <CalendarLegend />
                  <Typography.Text type="secondary" data-testid="calendar-working-days">
                    {t('calendar.workingDays', { count: data.workingDays })}
                  </Typography.Text>
                </Flex>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0, fontSize: 12 }}>
                  {canEdit ? t('calendar.clickHint') : t('calendar.readonlyHint')}
                </Typography.Paragraph>
              </>
            ) : (
              <Skeleton active paragraph={{ rows: 10 }} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <YearsPanel
            years={years.data?.years}
            canEdit={canEdit}
            onImport={() => setImporting(true)}
            onOpenYear={(year) => go(`${year}-01`)}
          />
        </Col>
      </Row>
      {picked ? <DayOverrideModal key={picked.date} day={picked} onClose={() => setPicked(null)} /> : null}
      {importing ? (
        <ImportScheduleModal
          years={years.data?.years ?? []}
          onClose={() => setImporting(false)}
          onDone={(year) => {
            setImporting(false);
            go(`${year}-01`);
          }}
        />
      ) : null}
    </Space>
  );
}
