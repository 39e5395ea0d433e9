import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';

export default function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('app.notFound'));
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('app.notFound')}
      subTitle={t('app.notFoundHint')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>{t('app.backHome')}</Button>
      }
    />
  );
}
