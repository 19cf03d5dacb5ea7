import {
  DownOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  SafetyCertificateOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Avatar,
  Breadcrumb,
  Button,
  Drawer,
  Dropdown,
  Flex,
  Layout,
  Menu,
  type MenuProps,
  Result,
  Spin,
  Tag,
  Tooltip,
  Typography,
  theme,
} from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { api } from '../shared/api';
import { showError } from '../shared/feedback';
import { useCan, useCurrentUser } from '../shared/session';
import { useIsMobile } from '../shared/useIsMobile';
import { ErrorBoundary } from './ErrorBoundary';
import { LanguageSwitch } from './LanguageSwitch';
import { buildMenu, MENU_GROUPS, type MenuEntry, routeOf } from './routes';

const SIDER_KEY = 'beizeng.sider.collapsed';

function Logo({ collapsed, dark }: { collapsed?: boolean; dark?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: dark ? '#fff' : 'inherit' }}>
      <span
        aria-hidden
        style={{
          width: 28,
          height: 28,
          borderRadius: 6,
          background: '#c8102e',
          color: '#fff',
          display: 'inline-flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 700,
          flex: 'none',
        }}
      >
        倍
      </span>
      {!collapsed && <span style={{ fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap' }}>{t('app.name')}</span>}
    </Link>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const can = useCan();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const isMobile = useIsMobile();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(() => localStorage.getItem(SIDER_KEY) === '1');
  const [drawerOpen, setDrawerOpen] = useState(false);
  const route = routeOf(location.pathname);
  const forced = me.mustChangePassword || me.mustEnrolTotp;

  const entries = useMemo(() => (forced ? [] : buildMenu(can)), [can, forced]);
  const toItems = (list: MenuEntry[]): MenuProps['items'] =>
    list.map((e) =>
      e.children
        ? { key: e.key, icon: e.icon, label: t(e.labelKey), children: toItems(e.children) }
        : { key: e.key, icon: e.icon, label: <Link to={e.key}>{t(e.labelKey)}</Link> },
    );
  const items = toItems(entries);
  const groupKey = route?.group ? `group:${route.group}` : null;
  const [openKeys, setOpenKeys] = useState<string[]>(groupKey ? [groupKey] : []);
  useEffect(() => {
    if (groupKey) setOpenKeys((k) => (k.includes(groupKey) ? k : [...k, groupKey]));
  }, [groupKey]);

  // close the phone drawer after navigating
  useEffect(() => setDrawerOpen(false), [location.pathname]);

  useEffect(() => {
    document.title = route ? `${t(route.labelKey)} - ${t('app.name')}` : t('app.name');
  }, [route, t]);

  const logout = async () => {
    try {
      await api.post('/auth/logout', undefined, { noAuthRedirect: true });
    } catch (e) {
      showError(e);
    }
    qc.clear();
    navigate('/login', { replace: true });
  };

  const toggleCollapsed = () => {
    setCollapsed((c) => {
      localStorage.setItem(SIDER_KEY, c ? '0' : '1');
      return !c;
    });
  };

  const menu = (
    <Menu
      theme="dark"
      mode="inline"
      items={items}
      selectedKeys={route ? [route.path] : []}
      openKeys={collapsed && !isMobile ? undefined : openKeys}
      onOpenChange={(keys) => setOpenKeys(keys as string[])}
      style={{ borderInlineEnd: 0 }}
      data-testid="side-menu"
    />
  );

  const group = route?.group ? MENU_GROUPS.find((g) => g.key === route.group) : null;
  const breadcrumb = [
    { key: 'home', title: <Link to="/">{t('menu.home')}</Link> },
    ...(group ? [{ key: group.key, title: t(group.labelKey) }] : []),
    ...(route && route.path !== '/' ? [{ key: route.path, title: t(route.labelKey) }] : []),
  ];

  const allowed = !route || can(route.perm);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isMobile && (
        <Layout.Sider
          className="bz-no-print"
          collapsible
          collapsed={collapsed}
          trigger={null}
          width={224}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: collapsed ? 26 : 20 }}>
            <Logo collapsed={collapsed} dark />
          </div>
          {menu}
        </Layout.Sider>
      )}
      {isMobile && (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
        >
          <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20 }}>
            <Logo dark />
          </div>
          {menu}
        </Drawer>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          className="bz-no-print"
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            height: 56,
            lineHeight: '56px',
            paddingInline: isMobile ? 8 : 16,
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            display: 'flex',
            alignItems: 'center',
            gap: isMobile ? 4 : 8,
          }}
        >
          <Button
            type="text"
            aria-label={t('layout.toggleMenu')}
            icon={isMobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={isMobile ? () => setDrawerOpen(true) : toggleCollapsed}
            data-testid="menu-toggle"
          />
          {isMobile && <Logo />}
          <Tooltip title={t('app.demoHint')}>
            <Tag color="orange" style={{ marginInlineEnd: 0, whiteSpace: 'nowrap' }} data-testid="demo-badge">
              {t('app.demo')}
            </Tag>
          </Tooltip>
          <div style={{ flex: 1 }} />
          {!forced && <NotificationBell />}
          <LanguageSwitch signedIn compact={isMobile} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'password',
                  icon: <LockOutlined />,
                  label: t('layout.changePassword'),
                  onClick: () => navigate('/account/password'),
                },
                {
                  key: 'twoFactor',
                  icon: <SafetyCertificateOutlined />,
                  label: t('layout.twoFactor'),
                  onClick: () => navigate('/account/2fa'),
                },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: t('layout.logout'), onClick: logout },
              ],
            }}
          >
            <Button type="text" data-testid="user-menu" style={{ paddingInline: 6 }}>
              <Avatar size="small" icon={<UserOutlined />} style={{ background: token.colorPrimary }} />
              {!isMobile && <span>{me.displayName}</span>}
              <DownOutlined style={{ fontSize: 10 }} />
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content className="bz-content" style={{ padding: isMobile ? 12 : 20, minWidth: 0 }}>
          <Flex vertical gap={4} style={{ marginBottom: 12 }} className="bz-no-print">
            <Breadcrumb items={breadcrumb} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {route ? t(route.labelKey) : t('layout.notFound')}
            </Typography.Title>
          </Flex>
          <ErrorBoundary key={location.pathname}>
            <Suspense
              fallback={
                <Flex justify="center" style={{ padding: 48 }}>
                  <Spin />
                </Flex>
              }
            >
              {allowed ? (
                <Outlet />
              ) : (
                <Result
                  status="403"
                  title={t('layout.forbiddenTitle')}
                  subTitle={t('layout.forbiddenBody')}
                  extra={
                    <Button type="primary" onClick={() => navigate('/')}>
                      {t('layout.backHome')}
                    </Button>
                  }
                />
              )}
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
