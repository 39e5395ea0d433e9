import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Browser tab and history entries name the page, e.g. "人员管理 - 运营台". */
export function useDocumentTitle(title?: string) {
  const { t } = useTranslation();
  const app = t('app.fullName');
  useEffect(() => {
    document.title = title ? `${title} - ${app}` : app;
  }, [title, app]);
}
