import { Button, Card, Tabs, Typography, Flex } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/session.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useIsMobile } from '../../lib/useIsMobile.ts';
import { useUrlState } from '../../lib/useUrlState.ts';
import { FreeRoomSearch } from './FreeRoomSearch.tsx';
import { RoomAdmin } from './RoomAdmin.tsx';
import { RoomTimelinePanel } from './RoomTimelinePanel.tsx';

const KEYS = ['tab', 'mode', 'date'] as const;

/** 会议室: occupancy timeline (day/week), free-room search, and the rooms themselves for 行政部. */
export default function RoomsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('meetings.rooms.title'));
  const navigate = useNavigate();
  const me = useMe();
  const isMobile = useIsMobile();
  const { values, update, clear } = useUrlState(KEYS);
  // MTG-2 rooms are kept by the resource coordinators (行政部) and administrators; the server decides.
  const canManage = me.roles.includes('admin') || me.roles.includes('resource_coordinator');
  const tab = values.tab === 'free' || (values.tab === 'admin' && canManage) ? values.tab : 'timeline';

  return (
    <Card styles={{ body: { padding: isMobile ? 12 : 24 } }}>
      <Flex align="center" gap={8} style={{ marginBottom: 4 }}>
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label={t('meetings.detail.back')} onClick={() => void navigate('/meetings')} />
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('meetings.rooms.title')}
        </Typography.Title>
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => clear(key === 'timeline' ? {} : { tab: key })}
        items={[
          {
            key: 'timeline',
            label: t('meetings.rooms.tabTimeline'),
            children: <RoomTimelinePanel mode={values.mode === 'week' ? 'week' : 'day'} date={values.date} update={update} isMobile={isMobile} />,
          },
          { key: 'free', label: t('meetings.rooms.tabFree'), children: <FreeRoomSearch isMobile={isMobile} /> },
          ...(canManage ? [{ key: 'admin', label: t('meetings.rooms.tabAdmin'), children: <RoomAdmin isMobile={isMobile} /> }] : []),
        ]}
      />
    </Card>
  );
}
