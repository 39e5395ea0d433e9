import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function Brand({ iconOnly = false }: { iconOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8, whiteSpace: 'nowrap' }}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      {iconOnly ? null : (
        <Typography.Text strong style={{ fontSize: 16 }}>
          {t('app.name')}
          {/* The English name is part of the brand in Chinese too. */}
          {i18n.language === 'zh-CN' ? <span style={{ fontWeight: 400, marginInlineStart: 6 }}>OpsDesk</span> : null}
        </Typography.Text>
      )}
    </span>
  );
}
