import { Alert, Button, Card, Descriptions, Flex, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TMeetingDetail } from '@opsdesk/contract';
import { isApiError } from '../../api/client.ts';
import { useMeeting } from '../../api/meetings.ts';
import { useMe } from '../../api/session.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { AttendanceTab } from './AttendanceTab.tsx';
import { MeetingActions } from './MeetingActions.tsx';
import { MeetingStatusTag, MinutesStatusTag } from './MeetingTags.tsx';
import { MinutesTab } from './MinutesTab.tsx';
import { NoticeTab } from './NoticeTab.tsx';
import { ResolutionsTab } from './ResolutionsTab.tsx';
import { contactText, placeText } from './meetingText.ts';
import { inCompany, timeRange } from './when.ts';
import { formatDateTime } from '../../lib/time.ts';
import './meetings.css';

const KEYS = ['tab'] as const;
const TABS = ['notice', 'attendance', 'minutes', 'resolutions'] as const;
type Tab = (typeof TABS)[number];

function Header({ meeting, isMobile }: { meeting: TMeetingDetail; isMobile: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const mine = meeting.participants.find((p) => p.person.id === me.id);
  const roles = meeting.myRoles.filter((r) => r !== 'viewer');
  const place = placeText(meeting);
  return (
    <Card>
      <Flex justify="space-between" align="flex-start" wrap gap={12}>
        <Space align="start">
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('meetings.detail.back')} onClick={() => void navigate('/meetings')} />
          <div>
            <Typography.Title level={4} style={{ margin: 0, textDecoration: meeting.status === 'cancelled' ? 'line-through' : undefined }}>
              {meeting.topic}
            </Typography.Title>
            <Space size={6} wrap style={{ marginTop: 6 }}>
              <MeetingStatusTag status={meeting.status} phase={meeting.phase} />
              {meeting.minutesStatus !== 'none' ? <MinutesStatusTag status={meeting.minutesStatus} /> : null}
              {meeting.seriesId ? <Tag color="purple">{t('meetings.detail.seriesOf')}</Tag> : null}
              {meeting.roomReleased ? <Tag color="orange">{t('meetings.home.roomReleased')}</Tag> : null}
              {roles.length > 0 ? (
                <Typography.Text type="secondary">{t('meetings.detail.youAre', { roles: roles.map((r) => t(`meetings.roles.${r}`)).join(t('print.listSep')) })}</Typography.Text>
              ) : null}
            </Space>
          </div>
        </Space>
        <MeetingActions meeting={meeting} isMobile={isMobile} />
      </Flex>
      {meeting.status === 'cancelled' && meeting.cancelledAt ? (
        <Alert type="error" showIcon style={{ marginTop: 16 }} title={t('meetings.detail.cancelledBanner', { time: formatDateTime(meeting.cancelledAt), reason: meeting.cancelReason ?? '' })} />
      ) : null}
      {mine?.leave ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          title={t('meetings.detail.onLeave', { delegate: mine.leave.delegate?.name ?? t('common.none') })}
          data-testid="my-leave"
        />
      ) : null}
      {mine?.signedInAt ? (
        <Alert type="success" showIcon style={{ marginTop: 16 }} title={t('meetings.detail.signedIn', { time: inCompany(mine.signedInAt).format('HH:mm') })} data-testid="my-sign-in" />
      ) : null}
      <Descriptions column={{ xs: 1, sm: 1, md: 2, xl: 3 }} size="small" style={{ marginTop: 16 }}>
        <Descriptions.Item label={t('meetings.detail.goal')} span={{ xs: 1, sm: 1, md: 2, xl: 3 }}>
          <Typography.Text strong>{meeting.goal}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.detail.time')}>{timeRange(meeting.startsAt, meeting.endsAt)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.detail.place')}>
          {place || t('common.empty')}
          {meeting.onlineLink ? (
            <a href={meeting.onlineLink} target="_blank" rel="noreferrer" style={{ marginInlineStart: 8 }}>
              {t('meetings.form.onlineLink')}
            </a>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings.detail.host')}>{meeting.host.name}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.detail.minuteTaker')}>{meeting.minuteTaker.name}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.detail.contact')}>{contactText(meeting)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings.detail.organizer')}>{meeting.organizer.name}</Descriptions.Item>
        {meeting.stakeholders.length > 0 ? (
          <Descriptions.Item label={t('meetings.detail.stakeholders')}>{meeting.stakeholders.map((p) => p.name).join(t('print.listSep'))}</Descriptions.Item>
        ) : null}
        {meeting.remarks ? <Descriptions.Item label={t('meetings.detail.remarks')}>{meeting.remarks}</Descriptions.Item> : null}
      </Descriptions>
    </Card>
  );
}

/** 会议详情: the notice, attendance, minutes and resolutions of one meeting, each a tab kept in the URL. */
export default function MeetingDetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const isMobile = useIsMobile();
  const { values, update } = useUrlState(KEYS);
  const query = useMeeting(id);
  const meeting = query.data;
  useDocumentTitle(meeting?.topic ?? t('meetings.title'));

  if (query.error) {
    if (isApiError(query.error) && query.error.code === 'NOT_FOUND') {
      return <Result status="404" title={t('meetings.detail.notFound')} extra={<Link to="/meetings">{t('meetings.detail.back')}</Link>} />;
    }
    return <LoadError error={query.error} onRetry={() => query.refetch()} />;
  }
  if (!meeting) return <Skeleton active paragraph={{ rows: 10 }} />;

  const tab: Tab = (TABS as readonly string[]).includes(values.tab ?? '') ? (values.tab as Tab) : 'notice';
  const attendanceCount = meeting.participants.length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Header meeting={meeting} isMobile={isMobile} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => update({ tab: key === 'notice' ? undefined : key })}
          items={[
            { key: 'notice', label: t('meetings.detail.tabNotice'), children: <NoticeTab meeting={meeting} isMobile={isMobile} /> },
            { key: 'attendance', label: `${t('meetings.detail.tabAttendance')} (${attendanceCount})`, children: <AttendanceTab meeting={meeting} isMobile={isMobile} /> },
            { key: 'minutes', label: t('meetings.detail.tabMinutes'), children: <MinutesTab meeting={meeting} isMobile={isMobile} /> },
            { key: 'resolutions', label: t('meetings.detail.tabResolutions'), children: <ResolutionsTab meeting={meeting} isMobile={isMobile} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
