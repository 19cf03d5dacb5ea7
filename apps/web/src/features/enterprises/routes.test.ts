import { describe, expect, it } from 'vitest';
import { buildMenu, routeOf } from '../../app/routes';

describe('企业培育 routes', () => {
  it('puts the profile under the enterprises group and keeps it out of the menu', () => {
    expect(routeOf('/enterprises')?.labelKey).toBe('menu.ent.enterprises');
    expect(routeOf('/enterprises/7')?.labelKey).toBe('menu.ent.profile');
    expect(routeOf('/enterprises/7')?.perm).toBe('enterprise:list');
    expect(routeOf('/cultivation/radar')?.perm).toBe('cultivation:list');
    expect(routeOf('/honours')?.perm).toBe('honour:list');
  });

  it('shows the group with the pages the user may open', () => {
    const menu = buildMenu((p) => p === null || p === 'enterprise:list' || p === 'honour:list');
    const group = menu.find((m) => m.key === 'group:ent');
    expect(group?.children?.map((c) => c.key)).toEqual(['/enterprises', '/honours']);
  });
});
