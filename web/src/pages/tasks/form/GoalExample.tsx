import { Alert, Space, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/**
 * TSK-3: a description says what is to be done and to what standard. The manual's own example of
 * a vague goal and its concrete form, shown beside the goal, deliverable and quality fields.
 */
export function GoalExample() {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="goal-example"
      title={t('tasks.form.exampleTitle')}
      description={
        <Space orientation="vertical" size={4}>
          <Typography.Text>
            <CloseCircleTwoTone twoToneColor="#ff4d4f" /> {t('tasks.form.exampleVagueLabel')}“{t('tasks.form.exampleVague')}”
          </Typography.Text>
          <Typography.Text>
            <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('tasks.form.exampleConcreteLabel')}“{t('tasks.form.exampleConcrete')}”
          </Typography.Text>
          <Typography.Text type="secondary">{t('tasks.form.exampleRule')}</Typography.Text>
        </Space>
      }
      style={{ marginBottom: 16 }}
    />
  );
}
