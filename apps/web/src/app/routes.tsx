import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  CarryOutOutlined,
  ClusterOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  HomeOutlined,
  LockOutlined,
  LoginOutlined,
  NodeIndexOutlined,
  PrinterOutlined,
  ProjectOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  ToolOutlined,
  TrophyOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';

export type MenuGroupKey = 'ck' | 'prj' | 'lead' | 'ent' | 'svc' | 'system';
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
export const MENU_GROUPS: MenuGroup[] = [
  { key: 'ck', labelKey: 'menu.ck.group', icon: <DashboardOutlined /> },
  { key: 'prj', labelKey: 'menu.prj.group', icon: <ProjectOutlined /> },
  { key: 'lead', labelKey: 'menu.lead.group', icon: <FundProjectionScreenOutlined /> },
  { key: 'ent', labelKey: 'menu.ent.group', icon: <ApartmentOutlined /> },
  { key: 'svc', labelKey: 'menu.svc.group', icon: <CustomerServiceOutlined /> },
  { key: 'system', labelKey: 'menu.system', icon: <SettingOutlined /> },
];

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
  // ---- 驾驶舱 ----
  {
    path: '/cockpit',
    page: lazy(() => import('../features/cockpit/CockpitPage')),
    labelKey: 'menu.ck.cockpit',
    icon: <DashboardOutlined />,
    perm: 'cockpit:view',
    group: 'ck',
    menu: true,
  },
  {
    path: '/cockpit/drill',
    page: lazy(() => import('../features/cockpit/DrillPage')),
    labelKey: 'menu.ck.drill',
    icon: <DashboardOutlined />,
    perm: 'cockpit:view',
    group: 'ck',
    menu: false,
  },
  {
    path: '/reports/print',
    page: lazy(() => import('../features/reports/BriefPrintPage')),
    labelKey: 'menu.ck.briefPrint',
    icon: <PrinterOutlined />,
    perm: 'cockpit:view',
    group: 'ck',
    menu: false,
  },
  {
    path: '/warnings',
    page: lazy(() => import('../features/cockpit/WarningsPage')),
    labelKey: 'menu.ck.warnings',
    icon: <AlertOutlined />,
    perm: 'cockpit:view',
    group: 'ck',
    menu: true,
  },
  {
    path: '/targets',
    page: lazy(() => import('../features/cockpit/TargetsPage')),
    labelKey: 'menu.ck.targets',
    icon: <FlagOutlined />,
    perm: 'cockpit:view',
    group: 'ck',
    menu: true,
  },
  {
    path: '/cockpit/benchmarks',
    page: lazy(() => import('../features/cockpit/BenchmarksPage')),
    labelKey: 'menu.ck.benchmarks',
    icon: <AimOutlined />,
    perm: 'cockpit:view',
    group: 'ck',
    menu: true,
  },
  {
    path: '/cockpit/study-tours',
    page: lazy(() => import('../features/cockpit/StudyToursPage')),
    labelKey: 'menu.ck.studyTours',
    icon: <CarryOutOutlined />,
    perm: 'cockpit:view',
    group: 'ck',
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
  // ---- 项目调度 ----
  {
    path: '/projects',
    page: lazy(() => import('../features/projects/ProjectsPage')),
    labelKey: 'menu.prj.list',
    descKey: 'prj.links.list',
    icon: <ProjectOutlined />,
    perm: 'project:list',
    group: 'prj',
    menu: true,
  },
  {
    path: '/projects/kanban',
    page: lazy(() => import('../features/projects/KanbanPage')),
    labelKey: 'menu.prj.kanban',
    descKey: 'prj.links.kanban',
    icon: <ProjectOutlined />,
    perm: 'project:list',
    group: 'prj',
    menu: true,
  },
  {
    path: '/projects/missing',
    page: lazy(() => import('../features/projects/MissingReportsPage')),
    labelKey: 'menu.prj.missing',
    descKey: 'prj.links.missing',
    icon: <ProjectOutlined />,
    perm: 'project:list',
    group: 'prj',
    menu: true,
  },
  {
    path: '/projects/schedule-print',
    page: lazy(() => import('../features/projects/SchedulePrintPage')),
    labelKey: 'menu.prj.schedulePrint',
    icon: <PrinterOutlined />,
    perm: 'project:list',
    group: 'prj',
    menu: false,
  },
  {
    path: '/projects/:id',
    page: lazy(() => import('../features/projects/ProjectDetailPage')),
    labelKey: 'menu.prj.detail',
    icon: <ProjectOutlined />,
    perm: 'project:list',
    group: 'prj',
    menu: false,
  },
  // ---- 招商引资 ----
  {
    path: '/leads',
    page: lazy(() => import('../features/leads/LeadsPage')),
    labelKey: 'menu.lead.list',
    descKey: 'lead.links.list',
    icon: <SolutionOutlined />,
    perm: 'lead:list',
    group: 'lead',
    menu: true,
  },
  {
    path: '/leads/kanban',
    page: lazy(() => import('../features/leads/KanbanPage')),
    labelKey: 'menu.lead.kanban',
    descKey: 'lead.links.kanban',
    icon: <NodeIndexOutlined />,
    perm: 'lead:list',
    group: 'lead',
    menu: true,
  },
  {
    path: '/leads/forecast',
    page: lazy(() => import('../features/leads/ForecastPage')),
    labelKey: 'menu.lead.forecast',
    descKey: 'lead.links.forecast',
    icon: <RiseOutlined />,
    perm: 'lead:list',
    group: 'lead',
    menu: true,
  },
  {
    path: '/leads/:id',
    page: lazy(() => import('../features/leads/LeadDetailPage')),
    labelKey: 'menu.lead.detail',
    icon: <SolutionOutlined />,
    perm: 'lead:list',
    group: 'lead',
    menu: false,
  },
  {
    path: '/investment-plans',
    page: lazy(() => import('../features/leads/InvestmentPlansPage')),
    labelKey: 'menu.lead.plans',
    descKey: 'lead.links.plans',
    icon: <FundProjectionScreenOutlined />,
    perm: 'lead:list',
    group: 'lead',
    menu: true,
  },
  // ---- 企业培育 ----
  {
    path: '/enterprises',
    page: lazy(() => import('../features/enterprises/EnterprisesPage')),
    labelKey: 'menu.ent.enterprises',
    descKey: 'ent.links.enterprises',
    icon: <ApartmentOutlined />,
    perm: 'enterprise:list',
    group: 'ent',
    menu: true,
  },
  {
    path: '/enterprises/:id',
    page: lazy(() => import('../features/enterprises/EnterpriseProfilePage')),
    labelKey: 'menu.ent.profile',
    icon: <ApartmentOutlined />,
    perm: 'enterprise:list',
    group: 'ent',
    menu: false,
  },
  {
    path: '/cultivation/radar',
    page: lazy(() => import('../features/cultivation/CultivationPage')),
    labelKey: 'menu.ent.radar',
    descKey: 'ent.links.radar',
    icon: <AimOutlined />,
    perm: 'cultivation:list',
    group: 'ent',
    menu: true,
  },
  {
    path: '/honours',
    page: lazy(() => import('../features/honours/HonoursPage')),
    labelKey: 'menu.ent.honours',
    descKey: 'ent.links.honours',
    icon: <TrophyOutlined />,
    perm: 'honour:list',
    group: 'ent',
    menu: true,
  },
  // ---- 助企服务 ----
  {
    path: '/tickets',
    page: lazy(() => import('../features/tickets/TicketsPage')),
    labelKey: 'menu.svc.tickets',
    descKey: 'svc.links.tickets',
    icon: <FileTextOutlined />,
    perm: 'ticket:list',
    group: 'svc',
    menu: true,
  },
  {
    path: '/tickets/stats',
    page: lazy(() => import('../features/tickets/TicketStatsPage')),
    labelKey: 'menu.svc.ticketStats',
    descKey: 'svc.links.ticketStats',
    icon: <BarChartOutlined />,
    perm: 'ticket:list',
    group: 'svc',
    menu: true,
  },
  {
    path: '/tickets/:id',
    page: lazy(() => import('../features/tickets/TicketDetailPage')),
    labelKey: 'menu.svc.ticketDetail',
    icon: <FileTextOutlined />,
    perm: 'ticket:list',
    group: 'svc',
    menu: false,
  },
  {
    path: '/visits',
    page: lazy(() => import('../features/visits/VisitsPage')),
    labelKey: 'menu.svc.visits',
    descKey: 'svc.links.visits',
    icon: <ScheduleOutlined />,
    perm: 'visit:list',
    group: 'svc',
    menu: true,
  },
  {
    path: '/assignments',
    page: lazy(() => import('../features/assignments/AssignmentsPage')),
    labelKey: 'menu.svc.assignments',
    descKey: 'svc.links.assignments',
    icon: <TeamOutlined />,
    perm: 'enterprise:list',
    group: 'svc',
    menu: true,
  },
  {
    path: '/notifications',
    page: lazy(() => import('../features/notifications/NotificationsPage')),
    labelKey: 'menu.svc.notifications',
    icon: <BellOutlined />,
    perm: null,
    group: null,
    menu: false,
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
  {
    path: '/account/2fa',
    page: lazy(() => import('../features/auth/TwoFactorPage')),
    labelKey: 'menu.twoFactor',
    icon: <SafetyCertificateOutlined />,
    perm: null,
    group: null,
    menu: false,
  },
];

/** The route a location belongs to (exact match, else a pattern such as /tickets/:id). */
export function routeOf(pathname: string): AppRoute | undefined {
  const p = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  // exact paths first (/tickets/stats before /tickets/:id), then patterns with :params
  return ROUTES.find((r) => r.path === p) ?? ROUTES.find((r) => r.path.includes(':') && matchesPattern(r.path, p));
}

function matchesPattern(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((seg, i) => (seg.startsWith(':') ? b[i] !== '' : seg === b[i]));
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
