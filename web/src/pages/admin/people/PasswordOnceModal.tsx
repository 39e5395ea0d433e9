import { Alert, App, Button, Flex, Modal, Typography } from 'antd';
import { CopyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TPersonWithPassword } from '@opsdesk/contract';

export interface OncePassword {
  kind: 'created' | 'reset';
  result: TPersonWithPassword;
}

/** The server returns an initial password exactly once; this is the only place it is shown. */
export function PasswordOnceModal({ value, onClose }: { value: OncePassword | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const person = value?.result.person;
  const password = value?.result.initialPassword ?? '';

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      void message.success(t('common.copied'));
    } catch {
      // Clipboard needs https or localhost; the password is selectable on screen either way.
      void message.info(password);
    }
  };

  return (
    <Modal
      open={value !== null}
      title={t('people.passwordTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose}>
          {t('people.passwordDone')}
        </Button>
      }
    >
      {person ? (
        <>
          <Typography.Paragraph>
            {t(value.kind === 'created' ? 'people.passwordCreated' : 'people.passwordReset', {
              name: person.name,
              username: person.username,
            })}
          </Typography.Paragraph>
          <Flex
            align="center"
            justify="space-between"
            gap={12}
            style={{ padding: '12px 16px', background: 'rgba(0,0,0,0.04)', borderRadius: 8, marginBottom: 16 }}
          >
            <Typography.Text
              data-testid="initial-password"
              strong
              style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: 20, userSelect: 'all' }}
            >
              {password}
            </Typography.Text>
            <Button icon={<CopyOutlined />} onClick={() => void copy()}>
              {t('common.copy')}
            </Button>
          </Flex>
          <Alert type="warning" showIcon title={t('people.passwordOnce')} />
        </>
      ) : null}
    </Modal>
  );
}
