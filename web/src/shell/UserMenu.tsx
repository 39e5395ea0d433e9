import { Avatar, Button, Dropdown } from 'antd';
import { BellOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from '../api/session.ts';
import { CHANGE_PASSWORD_PATH } from './guards.tsx';

export function UserMenu({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogout();

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'notifications', icon: <BellOutlined />, label: t('prefs.menu') },
          { key: 'password', icon: <KeyOutlined />, label: t('user.changePassword') },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout') },
        ],
        onClick: ({ key }) => {
          if (key === 'notifications') void navigate('/settings/notifications');
          if (key === 'password') void navigate(CHANGE_PASSWORD_PATH);
          // The route guard takes the now signed-out user to the login page.
          if (key === 'logout') logout.mutate();
        },
      }}
    >
      <Button type="text" aria-label={`${t('user.menu')}: ${me.name}`} style={{ paddingInline: 6 }}>
        <Avatar size="small" icon={<UserOutlined />} style={{ backgroundColor: '#1677ff' }} />
        {compact ? null : <span>{me.name}</span>}
      </Button>
    </Dropdown>
  );
}
