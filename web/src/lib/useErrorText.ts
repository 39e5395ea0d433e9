import { useCallback } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';

/** The words to show for a failed call: the server's own message when it sent one. */
export function useErrorText() {
  const { t } = useTranslation();
  return useCallback(
    (err: unknown): string => {
      if (isApiError(err)) {
        if (err.code === 'NETWORK') return t('app.networkError');
        if (err.message) return err.message;
      }
      return t('app.unknownError');
    },
    [t],
  );
}

/** Toast for errors that do not belong under a form field. */
export function useNotifyError() {
  const { message } = App.useApp();
  const errorText = useErrorText();
  return useCallback((err: unknown) => void message.error(errorText(err)), [message, errorText]);
}
