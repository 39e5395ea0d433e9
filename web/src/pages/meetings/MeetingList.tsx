import { type ReactNode, useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Input, Pagination, Select, Space, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import {
  MEETING_SCOPES,
  MEETING_STATUSES,
  MINUTES_STATUSES,
  ZMeetingStatus,
  ZMinutesStatus,
  type TMeetingListQuery,
  type TMeetingSummary,
} from '@opsdesk/contract';
import { useQueryClient } from '@tanstack/react-query';
import { exportMeetings, meetingKeys, useMeetings } from '../../api/meetings.ts';
import { ExportMenu } from '../../components/ExportMenu.tsx';
import { ImportDialog } from '../../components/import/ImportDialog.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { DATE_FORMAT } from '../../lib/time.ts';
import { MeetingStatusTag, MinutesStatusTag } from './MeetingTags.tsx';
import { placeText } from './meetingText.ts';
import { timeRange } from './when.ts';

export const MEETING_LIST_KEYS = ['scope', 'q', 'status', 'minutesStatus', 'from', 'to'] as const;
type Key = (typeof MEETING_LIST_KEYS)[number];
type Scope = (typeof MEETING_SCOPES)[number];

interface Props {
  values: Partial<Record<Key | 'view' | 'date', string>>;
  update: (patch: Partial<Record<Key | 'view' | 'date' | 'page' | 'pageSize', string | undefined>>) => void;
  clear: (keep?: Partial<Record<Key | 'view' | 'date', string>>) => void;
  page: number;
  pageSize: number;
  isMobile: boolean;
}

const isScope = (v: unknown): v is Scope => (MEETING_SCOPES as readonly unknown[]).includes(v);

function RoleTags({ m }: { m: TMeetingSummary }) {
  const { t } = useTranslation();
  return (
    <Space size={[4, 4]} wrap>
      {m.myRoles
        .filter((r) => r !== 'viewer')
        .map((r) => (
          <Tag key={r} color={r === 'host' ? 'green' : r === 'minute_taker' ? 'blue' : undefined} style={{ marginInlineEnd: 0 }}>
            {t(`meetings.roles.${r}`)}
          </Tag>
        ))}
    </Space>
  );
}

/** 会议列表: quick scopes as tabs (ALL-7), a filter bar, the notice template's columns; all in the URL. */
export function MeetingList({ values, update, clear, page, pageSize, isMobile }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);
  const scope: Scope = isScope(values.scope) ? values.scope : 'mine';
  const status = ZMeetingStatus.safeParse(values.status);
  const minutesStatus = ZMinutesStatus.safeParse(values.minutesStatus);
  const query: TMeetingListQuery = {
    scope,
    q: values.q,
    status: status.success ? status.data : undefined,
    minutesStatus: minutesStatus.success ? minutesStatus.data : undefined,
    from: values.from,
    to: values.to,
    page,
    pageSize,
  };
  const { data, isFetching, error, refetch } = useMeetings(query);
  const filtered = Boolean(values.q || values.status || values.minutesStatus || values.from);
  const open = (m: TMeetingSummary) => void navigate(`/meetings/${m.id}`);
  const dash = t('common.empty');

  const empty: ReactNode = filtered ? (
    <Empty description={t('meetings.home.emptyFiltered')}>
      <Typography.Text type="secondary">{t('meetings.home.emptyFilteredHint')}</Typography.Text>
    </Empty>
  ) : (
    <Empty description={t('meetings.home.empty')}>
      <Space orientation="vertical">
        <Typography.Text type="secondary">{t('meetings.home.emptyHint')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/meetings/new')}>
          {t('meetings.home.create')}
        </Button>
      </Space>
    </Empty>
  );
  const pagination = {
    current: data?.page ?? page,
    pageSize: data?.pageSize ?? pageSize,
    total: data?.total ?? 0,
    showSizeChanger: !isMobile,
    showTotal: (total: number) => t('common.total', { total }),
    onChange: (p: number, size: number) => update({ page: String(p), pageSize: String(size) }),
  };

  const columns: TableColumnsType<TMeetingSummary> = [
    {
      key: 'topic',
      title: t('meetings.home.columns.topic'),
      render: (_, m) => (
        <Typography.Link style={{ textDecoration: m.status === 'cancelled' ? 'line-through' : undefined }}>{m.topic}</Typography.Link>
      ),
    },
    { key: 'time', title: t('meetings.home.columns.time'), width: 200, render: (_, m) => timeRange(m.startsAt, m.endsAt) },
    {
      key: 'place',
      title: t('meetings.home.columns.place'),
      render: (_, m) => (
        <>
          {placeText(m) || dash}
          {m.roomReleased ? (
            <Tag color="orange" style={{ marginInlineStart: 6 }}>
              {t('meetings.home.roomReleased')}
            </Tag>
          ) : null}
        </>
      ),
    },
    { key: 'host', title: t('meetings.home.columns.host'), width: 90, render: (_, m) => m.host.name },
    { key: 'minuteTaker', title: t('meetings.home.columns.minuteTaker'), width: 90, render: (_, m) => m.minuteTaker.name },
    { key: 'people', title: t('meetings.home.columns.participants'), width: 70, render: (_, m) => m.participantCount },
    { key: 'status', title: t('meetings.home.columns.status'), width: 100, render: (_, m) => <MeetingStatusTag status={m.status} phase={m.phase} /> },
    { key: 'minutes', title: t('meetings.home.columns.minutes'), width: 130, render: (_, m) => <MinutesStatusTag status={m.minutesStatus} /> },
    { key: 'roles', title: t('meetings.home.columns.myRoles'), width: 140, render: (_, m) => <RoleTags m={m} /> },
  ];

  const range = values.from && values.to ? ([dayjs(values.from), dayjs(values.to)] as const) : null;
  return (
    <>
      <Tabs
        activeKey={scope}
        onChange={(key) => clear({ view: 'list', scope: key === 'mine' ? undefined : key })}
        items={MEETING_SCOPES.map((s) => ({ key: s, label: t(`meetings.home.scopes.${s}`) }))}
        tabBarExtraContent={
          <Space size={8}>
            <Button icon={<ImportOutlined />} aria-label={t('io.import')} data-testid="meeting-import" onClick={() => setImporting(true)}>
              {isMobile ? null : t('io.import')}
            </Button>
            <ExportMenu
              run={(format) => exportMeetings({ scope, q: query.q, status: query.status, minutesStatus: query.minutesStatus, from: query.from, to: query.to }, format, t('meetings.home.sheetTitle'))}
              compact={isMobile}
              testId="meeting-export"
            />
          </Space>
        }
      />
      {importing ? (
        <ImportDialog
          kind="meetings"
          title={t('meetings.home.importTitle')}
          templateName={t('meetings.home.importTemplate')}
          intro={<Typography.Paragraph style={{ margin: 0 }}>{t('meetings.home.importIntro')}</Typography.Paragraph>}
          onClose={() => setImporting(false)}
          onCommitted={() => void queryClient.invalidateQueries({ queryKey: meetingKeys.all })}
        />
      ) : null}
      <FilterBar
        isMobile={isMobile}
        activeCount={[values.status, values.minutesStatus, values.from].filter(Boolean).length}
        primary={
          <Input.Search
            allowClear
            defaultValue={values.q}
            placeholder={t('meetings.home.searchPlaceholder')}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: isMobile ? '100%' : 240 }}
          />
        }
      >
        <Select
          allowClear
          value={status.success ? status.data : undefined}
          placeholder={t('common.filterAll', { field: t('meetings.home.filterStatus') })}
          options={MEETING_STATUSES.map((s) => ({ value: s, label: t(`meetings.status.${s}`) }))}
          onChange={(v) => update({ status: v })}
          style={{ width: isMobile ? '100%' : 140 }}
        />
        <Select
          allowClear
          value={minutesStatus.success ? minutesStatus.data : undefined}
          placeholder={t('common.filterAll', { field: t('meetings.home.filterMinutes') })}
          options={MINUTES_STATUSES.map((s) => ({ value: s, label: t(`meetings.minutesStatus.${s}`) }))}
          onChange={(v) => update({ minutesStatus: v })}
          style={{ width: isMobile ? '100%' : 170 }}
        />
        <DatePicker.RangePicker
          value={range ? [range[0], range[1]] : null}
          onChange={(r) => update({ from: r?.[0]?.format(DATE_FORMAT), to: r?.[1]?.format(DATE_FORMAT) })}
          style={{ width: isMobile ? '100%' : undefined }}
        />
      </FilterBar>
      {error ? <LoadError error={error} onRetry={refetch} style={{ marginBottom: 16 }} /> : null}
      {isMobile ? (
        <Flex vertical gap={8}>
          {data ? null : <Card size="small" loading />}
          {data && data.items.length === 0 ? empty : null}
          {(data?.items ?? []).map((m) => (
            <Card key={m.id} size="small" onClick={() => open(m)} style={{ cursor: 'pointer' }} data-testid="meeting-card">
              <Flex justify="space-between" gap={8} align="flex-start">
                <Typography.Text strong style={{ textDecoration: m.status === 'cancelled' ? 'line-through' : undefined }}>
                  {m.topic}
                </Typography.Text>
                <MeetingStatusTag status={m.status} phase={m.phase} />
              </Flex>
              <div>
                <Typography.Text type="secondary">{timeRange(m.startsAt, m.endsAt)}</Typography.Text>
              </div>
              <div>
                <Typography.Text type="secondary">{[placeText(m), m.host.name].filter(Boolean).join(' · ')}</Typography.Text>
              </div>
              <Flex gap={4} wrap style={{ marginTop: 4 }}>
                <MinutesStatusTag status={m.minutesStatus} />
                <RoleTags m={m} />
              </Flex>
            </Card>
          ))}
          {data && data.total > 0 ? <Pagination {...pagination} simple style={{ alignSelf: 'center' }} /> : null}
        </Flex>
      ) : (
        <Table<TMeetingSummary>
          rowKey="id"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          onRow={(m) => ({ onClick: () => open(m), style: { cursor: 'pointer' } })}
          locale={{ emptyText: isFetching ? ' ' : empty }}
        />
      )}
    </>
  );
}
