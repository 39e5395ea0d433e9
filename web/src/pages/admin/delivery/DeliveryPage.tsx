import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../../lib/useDocumentTitle.ts';
import { useUrlState } from '../../../lib/useUrlState.ts';
import { ChannelsTab } from './ChannelsTab.tsx';
import { DeliveriesTab } from './DeliveriesTab.tsx';

const KEYS = ['tab', 'status'] as const;

/** ALL-2 消息推送 (admin): department group bots, and the outgoing queue with its failures. */
export default function DeliveryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('delivery.title'));
  const url = useUrlState(KEYS);
  const tab = url.values.tab === 'deliveries' ? 'deliveries' : 'channels';
  return (
    <Card title={t('delivery.title')}>
      <Tabs
        activeKey={tab}
        onChange={(key) => url.clear(key === 'channels' ? {} : { tab: key })}
        items={[
          { key: 'channels', label: t('delivery.channelsTab'), children: tab === 'channels' ? <ChannelsTab /> : null },
          { key: 'deliveries', label: t('delivery.deliveriesTab'), children: tab === 'deliveries' ? <DeliveriesTab url={url} /> : null },
        ]}
      />
    </Card>
  );
}
