import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@opsdesk/contract';
import { useSwitchLocale } from '../api/session.ts';
import { currentLocale, isLocale } from '../i18n/index.ts';
import { useNotifyError } from '../lib/useErrorText.ts';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const switchLocale = useSwitchLocale();
  const notifyError = useNotifyError();
  const locale = currentLocale();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((key) => ({ key, label: t(`lang.${key}`) })),
        onClick: ({ key }) => {
          if (isLocale(key) && key !== locale) switchLocale.mutate(key, { onError: notifyError });
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={`${t('lang.label')}: ${t(`lang.${locale}`)}`}>
        {compact ? null : t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}
