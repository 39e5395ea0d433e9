import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/session.ts';
import { companyHour } from '../lib/time.ts';
import { useDocumentTitle } from '../lib/useDocumentTitle.ts';
import { WorkbenchSections } from './WorkbenchSections.tsx';
import { TaskOverviewCard } from './TaskOverviewCard.tsx';

function greetingKey(hour: number) {
  if (hour < 12) return 'home.morning' as const;
  if (hour < 18) return 'home.afternoon' as const;
  return 'home.evening' as const;
}

export default function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('menu.workbench'));
  const navigate = useNavigate();
  const me = useMe();
  const isAdmin = me.roles.includes('admin');
  const isAuditor = me.roles.includes('auditor');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t(greetingKey(companyHour()), { name: me.name })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, sm: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('home.department')}>{me.departmentName ?? t('home.noDepartment')}</Descriptions.Item>
          {me.title ? <Descriptions.Item label={t('home.title')}>{me.title}</Descriptions.Item> : null}
          <Descriptions.Item label={t('home.roles')}>
            <Space size={[4, 4]} wrap>
              {me.roles.map((role) => (
                <Tag key={role} color={role === 'admin' || role === 'auditor' ? 'blue' : undefined}>
                  {t(`roles.${role}`)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <WorkbenchSections />
      <TaskOverviewCard />
      {/* The workbench sections above are everyone's; the administrator and the auditor also get their first steps. */}
      {isAdmin || isAuditor ? (
        <Card title={t('home.startTitle')}>
          <Space orientation="vertical" size="large">
            {isAdmin ? (
              <Space orientation="vertical">
                <Typography.Text type="secondary">{t('home.adminHint')}</Typography.Text>
                <Space wrap>
                  <Button type="primary" onClick={() => void navigate('/admin/departments')}>{t('home.goDepartments')}</Button>
                  <Button onClick={() => void navigate('/admin/people')}>{t('home.goPeople')}</Button>
                </Space>
              </Space>
            ) : null}
            {isAuditor ? (
              <Space orientation="vertical">
                <Typography.Text type="secondary">{t('home.auditorHint')}</Typography.Text>
                <Button type="primary" onClick={() => void navigate('/audit')}>{t('home.goAudit')}</Button>
              </Space>
            ) : null}
          </Space>
        </Card>
      ) : null}
    </Space>
  );
}
