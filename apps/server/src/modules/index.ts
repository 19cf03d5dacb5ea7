import type { ModuleDef } from '../core/http';
import { assignmentsRoutes } from './assignments/assignments.routes';
import { attachmentsRoutes } from './attachments/attachments.routes';
import { auditRoutes } from './audit/audit.routes';
import { authRoutes } from './auth/auth.routes';
import { benchmarksRoutes } from './benchmarks/benchmarks.routes';
import { calendarRoutes } from './calendar/calendar.routes';
import { cockpitRoutes } from './cockpit/cockpit.routes';
import { cultivationRoutes } from './cultivation/cultivation.routes';
import { departmentsRoutes } from './departments/departments.routes';
import { dictsRoutes } from './dicts/dicts.routes';
import { enterprisesRoutes } from './enterprises/enterprises.routes';
import { honoursRoutes } from './honours/honours.routes';
import { industriesRoutes } from './industries/industries.routes';
import { investmentPlansRoutes } from './investment-plans/investment-plans.routes';
import { leadsRoutes } from './leads/leads.routes';
import { notificationsRoutes } from './notifications/notifications.routes';
import { open311Routes } from './open311/open311.routes';
import { projectsRoutes } from './projects/projects.routes';
import { regionsRoutes } from './regions/regions.routes';
import { reportsRoutes } from './reports/reports.routes';
import { rolesRoutes } from './roles/roles.routes';
import { settingsRoutes } from './settings/settings.routes';
import { studyToursRoutes } from './study-tours/study-tours.routes';
import { targetsRoutes } from './targets/targets.routes';
import { ticketsRoutes } from './tickets/tickets.routes';
import { usersRoutes } from './users/users.routes';
import { visitsRoutes } from './visits/visits.routes';
import { warningsRoutes } from './warnings/warnings.routes';

/** THE list of modules and their URL prefixes. Nothing is autoloaded: a module exists when it is listed here. */
export const MODULES: ModuleDef[] = [
  { name: 'auth', prefix: '/api/v1/auth', routes: authRoutes },
  { name: 'users', prefix: '/api/v1/users', routes: usersRoutes },
  { name: 'roles', prefix: '/api/v1/roles', routes: rolesRoutes },
  { name: 'departments', prefix: '/api/v1/departments', routes: departmentsRoutes },
  { name: 'dicts', prefix: '/api/v1/dicts', routes: dictsRoutes },
  { name: 'calendar', prefix: '/api/v1/calendar', routes: calendarRoutes },
  { name: 'regions', prefix: '/api/v1/regions', routes: regionsRoutes },
  { name: 'industries', prefix: '/api/v1/industries', routes: industriesRoutes },
  { name: 'enterprises', prefix: '/api/v1/enterprises', routes: enterprisesRoutes },
  { name: 'projects', prefix: '/api/v1/projects', routes: projectsRoutes },
  { name: 'leads', prefix: '/api/v1/leads', routes: leadsRoutes },
  { name: 'investment-plans', prefix: '/api/v1/investment-plans', routes: investmentPlansRoutes },
  { name: 'cultivation', prefix: '/api/v1/cultivation', routes: cultivationRoutes },
  { name: 'honours', prefix: '/api/v1/honours', routes: honoursRoutes },
  { name: 'assignments', prefix: '/api/v1/assignments', routes: assignmentsRoutes },
  { name: 'visits', prefix: '/api/v1/visits', routes: visitsRoutes },
  { name: 'tickets', prefix: '/api/v1/tickets', routes: ticketsRoutes },
  { name: 'notifications', prefix: '/api/v1/notifications', routes: notificationsRoutes },
  { name: 'cockpit', prefix: '/api/v1/cockpit', routes: cockpitRoutes },
  { name: 'targets', prefix: '/api/v1/targets', routes: targetsRoutes },
  { name: 'warnings', prefix: '/api/v1/warnings', routes: warningsRoutes },
  { name: 'reports', prefix: '/api/v1/reports', routes: reportsRoutes },
  { name: 'benchmarks', prefix: '/api/v1/benchmarks', routes: benchmarksRoutes },
  { name: 'study-tours', prefix: '/api/v1/study-tours', routes: studyToursRoutes },
  { name: 'attachments', prefix: '/api/v1/attachments', routes: attachmentsRoutes },
  { name: 'open311', prefix: '/api/open311/v2', routes: open311Routes },
  { name: 'audit', prefix: '/api/v1/audit', routes: auditRoutes },
  { name: 'settings', prefix: '/api/v1/settings', routes: settingsRoutes },
];
