import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { Providers } from '../app/Providers';
import type { Me } from '../shared/types';

export function testClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

export function renderWithApp(ui: ReactElement, { path = '/', client = testClient() } = {}) {
  return {
    client,
    ...render(
      <Providers client={client}>
        <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
      </Providers>,
    ),
  };
}

export const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** Replaces fetch with a router of `METHOD /path` → handler. Unmatched calls fail the test loudly. */
export function mockFetch(routes: Record<string, (req: { url: URL; body: any; init: RequestInit }) => Response>) {
  const calls: { method: string; url: URL; body: any; headers: Record<string, string> }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, headers: (init.headers ?? {}) as Record<string, string> });
    const key = `${method} ${url.pathname}`;
    const handler = routes[key];
    if (!handler) return json(404, { status: 404, code: 'NOT_FOUND', message: `no mock for ${key}`, requestId: 't' });
    return handler({ url, body, init });
  });
  vi.stubGlobal('fetch', fn);
  return { fn, calls };
}

export const ADMIN: Me = {
  id: 1,
  username: 'admin',
  displayName: '系统管理员',
  roles: ['admin'],
  permissions: [
    'system:user:list',
    'system:user:edit',
    'system:user:reset',
    'system:role:list',
    'system:role:edit',
    'system:dept:list',
    'system:dict:list',
    'system:calendar:list',
    'system:region:list',
    'system:setting:list',
    'audit:list',
    'audit:login:list',
    'pii:view',
  ],
  regionCode: '370406000000',
  regionName: '山亭区',
  department: null,
  enterprise: null,
  scope: { kind: 'all', regionCode: '370406000000', departmentId: null, enterpriseId: null },
  mustChangePassword: false,
  totpEnabled: false,
  totpRequired: false,
  mustEnrolTotp: false,
  locale: 'zh-CN',
};
