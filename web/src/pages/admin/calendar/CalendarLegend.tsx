import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** What 休, 班 and the purple company badges mean, under the grid. */
export function CalendarLegend() {
  const { t } = useTranslation();
  return (
    <Flex className="od-cal-legend" wrap gap={12} align="center">
      <Typography.Text type="secondary">
        <span className="od-cal-badge od-cal-badge-off">{t('calendar.badgeOff')}</span>
        {t('calendar.kind.holiday')}
      </Typography.Text>
      <Typography.Text type="secondary">
        <span className="od-cal-badge od-cal-badge-work">{t('calendar.badgeWork')}</span>
        {t('calendar.kind.makeup')}
      </Typography.Text>
      <Typography.Text type="secondary">
        <span className="od-cal-badge od-cal-badge-company">{t('calendar.badgeOff')}</span>
        <span className="od-cal-badge od-cal-badge-company">{t('calendar.badgeWork')}</span>
        {t('calendar.legendCompany')}
      </Typography.Text>
      <Typography.Text type="secondary">
        <span className="od-cal-swatch" />
        {t('calendar.provisional')}
      </Typography.Text>
    </Flex>
  );
}
