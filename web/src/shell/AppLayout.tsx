import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Button, Drawer, Layout, Menu, theme, type MenuProps } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMe } from '../api/session.ts';
import { useIsMobile } from '../lib/useIsMobile.ts';
import { activeKey, visibleModules, type ModuleEntry } from './modules.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { UserMenu } from './UserMenu.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { GlobalSearch } from './GlobalSearch.tsx';
import { PageSkeleton } from './PageSkeleton.tsx';
import { AuthFrame } from './AuthFrame.tsx';
import { Brand } from './Brand.tsx';

const { Header, Sider, Content } = Layout;

type MenuItem = Required<MenuProps>['items'][number];

function toMenuItems(entries: ModuleEntry[], t: TFunction): MenuItem[] {
  return entries.map((entry) => ({
    key: entry.key,
    icon: entry.icon,
    label: t(entry.label),
    children: entry.children ? toMenuItems(entry.children, t) : undefined,
  }));
}

function findPath(entries: ModuleEntry[], key: string): string | undefined {
  for (const entry of entries) {
    if (entry.key === key) return entry.path;
    const inner = entry.children && findPath(entry.children, key);
    if (inner) return inner;
  }
  return undefined;
}

export function AppLayout() {
  const me = useMe();
  // A forced password change shows nothing but the form: every other call would be refused.
  if (me.mustChangePassword) {
    return (
      <AuthFrame>
        <Suspense fallback={<PageSkeleton />}>
          <Outlet />
        </Suspense>
      </AuthFrame>
    );
  }
  return <Shell />;
}

function Shell() {
  const me = useMe();
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const location = useLocation();
  const navigate = useNavigate();
  const isMobile = useIsMobile();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  const modules = useMemo(() => visibleModules(me), [me]);
  const items = useMemo(() => toMenuItems(modules, t), [modules, t]);
  const { selected, open } = activeKey(location.pathname, modules);

  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={open ? [open] : modules.filter((m) => m.children).map((m) => m.key)}
      onClick={({ key }) => {
        const path = findPath(modules, key);
        if (path) void navigate(path);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={<Brand />}
          styles={{ body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      ) : (
        <Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          theme="light"
          width={208}
          style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        >
          <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 24 : 20 }}>
            <Brand iconOnly={collapsed} />
          </div>
          <nav aria-label={t('app.name')}>{menu}</nav>
        </Sider>
      )}
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            paddingInline: isMobile ? 8 : 24,
            height: 56,
            lineHeight: '56px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            position: 'sticky',
            top: 0,
            zIndex: 10,
          }}
        >
          {isMobile ? (
            <>
              <Button type="text" icon={<MenuOutlined />} aria-label={t('app.openMenu')} onClick={() => setDrawerOpen(true)} />
              <Brand />
            </>
          ) : null}
          <div style={{ flex: 1 }} />
          <GlobalSearch compact={isMobile} />
          <NotificationBell compact={isMobile} />
          <LanguageSwitch compact={isMobile} />
          <UserMenu compact={isMobile} />
        </Header>
        <Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageSkeleton />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
