import { Alert, Button } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../lib/useErrorText.ts';

/** A list or page that failed to load: what went wrong, in the user's language, and a retry. */
export function LoadError({ error, onRetry, style }: { error: unknown; onRetry: () => unknown; style?: CSSProperties }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(error)}
      action={<Button onClick={() => void onRetry()}>{t('app.reload')}</Button>}
      style={style}
    />
  );
}
