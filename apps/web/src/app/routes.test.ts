import { describe, expect, it } from 'vitest';
import { buildMenu, ROUTES, routeOf } from './routes';

const canWith = (perms: string[]) => (p: string | null) => p === null || perms.includes(p);

describe('menu', () => {
  it('shows every page to a user with every permission', () => {
    const all = ROUTES.map((r) => r.perm).filter((p): p is string => !!p);
    const menu = buildMenu(canWith(all));
    expect(menu.map((m) => m.key)).toContain('group:system');
    expect(menu.at(-1)?.key).toBe('group:system');
    expect(menu.find((m) => m.key === 'group:system')?.children?.map((c) => c.labelKey)).toEqual([
      'menu.users',
      'menu.roles',
      'menu.departments',
      'menu.dicts',
      'menu.calendar',
      'menu.regions',
      'menu.auditLogs',
      'menu.loginLogs',
      'menu.settings',
    ]);
  });

  it('shows only permitted items, and a group only when an item in it shows', () => {
    expect(buildMenu(canWith([])).map((m) => m.key)).toEqual(['/']);
    const menu = buildMenu(canWith(['system:calendar:list', 'lead:list']));
    expect(menu.find((m) => m.key === 'group:system')?.children?.map((c) => c.key)).toEqual(['/system/calendar']);
    expect(menu.find((m) => m.key === 'group:lead')?.children?.map((c) => c.key)).toEqual([
      '/leads',
      '/leads/kanban',
      '/leads/forecast',
      '/investment-plans',
    ]);
  });

  it('never lists the change-password page in the sidebar', () => {
    const all = ROUTES.map((r) => r.perm).filter((p): p is string => !!p);
    const keys = buildMenu(canWith(all)).flatMap((m) => [m.key, ...(m.children ?? []).map((c) => c.key)]);
    expect(keys).not.toContain('/account/password');
  });

  it('finds the route of a location', () => {
    expect(routeOf('/system/users/')?.labelKey).toBe('menu.users');
    expect(routeOf('/')?.labelKey).toBe('menu.home');
    expect(routeOf('/nope')).toBeUndefined();
    expect(routeOf('/leads/kanban')?.labelKey).toBe('menu.lead.kanban');
    expect(routeOf('/leads/7')?.labelKey).toBe('menu.lead.detail');
    expect(routeOf('/tickets/12')?.labelKey).toBe('menu.svc.ticketDetail');
    expect(routeOf('/tickets/stats')?.labelKey).toBe('menu.svc.ticketStats');
  });
});
