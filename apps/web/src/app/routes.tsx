import {
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  ClusterOutlined,
  EnvironmentOutlined,
  HomeOutlined,
  LockOutlined,
  LoginOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';

export type MenuGroupKey = 'system';
type LabelKey = ParseKeys<'translation'> & `menu.${string}`;

export interface MenuGroup {
  key: MenuGroupKey;
  labelKey: LabelKey;
  icon: ReactNode;
}

export interface AppRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  labelKey: LabelKey;
  /** One line for the home page's quick links. */
  descKey?: ParseKeys<'translation'>;
  icon: ReactNode;
  /** Permission needed to open the page; null = every logged-in user. */
  perm: string | null;
  /** Sidebar group; null = a top-level item. */
  group: MenuGroupKey | null;
  /** false = reachable by URL/user menu only. */
  menu: boolean;
}

/** Sidebar groups, in order. Modules (项目调度, 招商引资 …) add theirs here as their pages arrive. */
export const MENU_GROUPS: MenuGroup[] = [{ key: 'system', labelKey: 'menu.system', icon: <SettingOutlined /> }];

/** THE list of pages of the signed-in app. */
export const ROUTES: AppRoute[] = [
  {
    path: '/',
    page: lazy(() => import('../features/home/HomePage')),
    labelKey: 'menu.home',
    icon: <HomeOutlined />,
    perm: null,
    group: null,
    menu: true,
  },
  {
    path: '/system/users',
    page: lazy(() => import('../features/users/UsersPage')),
    labelKey: 'menu.users',
    descKey: 'home.links.users',
    icon: <UserOutlined />,
    perm: 'system:user:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/roles',
    page: lazy(() => import('../features/roles/RolesPage')),
    labelKey: 'menu.roles',
    descKey: 'home.links.roles',
    icon: <SafetyCertificateOutlined />,
    perm: 'system:role:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/departments',
    page: lazy(() => import('../features/departments/DepartmentsPage')),
    labelKey: 'menu.departments',
    descKey: 'home.links.departments',
    icon: <ClusterOutlined />,
    perm: 'system:dept:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/dicts',
    page: lazy(() => import('../features/dicts/DictsPage')),
    labelKey: 'menu.dicts',
    descKey: 'home.links.dicts',
    icon: <BookOutlined />,
    perm: 'system:dict:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/calendar',
    page: lazy(() => import('../features/calendar/CalendarPage')),
    labelKey: 'menu.calendar',
    descKey: 'home.links.calendar',
    icon: <CalendarOutlined />,
    perm: 'system:calendar:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/regions',
    page: lazy(() => import('../features/regions/RegionsPage')),
    labelKey: 'menu.regions',
    descKey: 'home.links.regions',
    icon: <EnvironmentOutlined />,
    perm: 'system:region:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/audit-logs',
    page: lazy(() => import('../features/audit/AuditLogsPage')),
    labelKey: 'menu.auditLogs',
    descKey: 'home.links.auditLogs',
    icon: <AuditOutlined />,
    perm: 'audit:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/login-logs',
    page: lazy(() => import('../features/audit/LoginLogsPage')),
    labelKey: 'menu.loginLogs',
    descKey: 'home.links.loginLogs',
    icon: <LoginOutlined />,
    perm: 'audit:login:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/system/settings',
    page: lazy(() => import('../features/settings/SettingsPage')),
    labelKey: 'menu.settings',
    descKey: 'home.links.settings',
    icon: <ToolOutlined />,
    perm: 'system:setting:list',
    group: 'system',
    menu: true,
  },
  {
    path: '/account/password',
    page: lazy(() => import('../features/auth/ChangePasswordPage')),
    labelKey: 'menu.changePassword',
    icon: <LockOutlined />,
    perm: null,
    group: null,
    menu: false,
  },
];

/** The route a location belongs to (exact match; all app paths are flat). */
export function routeOf(pathname: string): AppRoute | undefined {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return ROUTES.find((r) => r.path === p);
}

export interface MenuEntry {
  key: string;
  labelKey: LabelKey;
  icon: ReactNode;
  children?: MenuEntry[];
}

/** The sidebar a user sees: items they may open; a group only when one of its items shows. */
export function buildMenu(can: (perm: string | null) => boolean, routes = ROUTES, groups = MENU_GROUPS): MenuEntry[] {
  const visible = routes.filter((r) => r.menu && can(r.perm));
  const out: MenuEntry[] = visible
    .filter((r) => r.group === null)
    .map((r) => ({ key: r.path, labelKey: r.labelKey, icon: r.icon }));
  for (const g of groups) {
    const children = visible
      .filter((r) => r.group === g.key)
      .map((r) => ({ key: r.path, labelKey: r.labelKey, icon: r.icon }));
    if (children.length) out.push({ key: `group:${g.key}`, labelKey: g.labelKey, icon: g.icon, children });
  }
  return out;
}
