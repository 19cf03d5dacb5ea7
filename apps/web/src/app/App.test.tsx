import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, json, mockFetch, renderWithApp } from '../test/render';
import { ApiBridge } from './ApiBridge';
import { AppRoutes } from './App';

afterEach(() => vi.unstubAllGlobals());

const page = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 20 });

describe('signed-in app', () => {
  it('sends a visitor without a session to the login page', async () => {
    mockFetch({
      'GET /api/v1/auth/me': () =>
        json(401, { status: 401, code: 'UNAUTHENTICATED', message: '请先登录', requestId: 'r' }),
    });
    renderWithApp(
      <>
        <ApiBridge />
        <AppRoutes />
      </>,
      { path: '/system/users' },
    );
    expect(await screen.findByRole('button', { name: /登\s*录/ })).toBeTruthy();
  });

  it('shows the admin the system menu and the home page', async () => {
    mockFetch({ 'GET /api/v1/auth/me': () => json(200, ADMIN) });
    renderWithApp(<AppRoutes />);
    expect(await screen.findByTestId('welcome')).toBeTruthy();
    expect(screen.getByText(/系统管理员/, { selector: '[data-testid=welcome]' })).toBeTruthy();
    const menu = screen.getByTestId('side-menu');
    expect(menu.textContent).toContain('工作台');
    expect(menu.textContent).toContain('系统管理');
    expect(screen.getByTestId('demo-badge').textContent).toBe('演示数据 DEMO');
  });

  it('hides the system menu from a user without system permissions', async () => {
    mockFetch({
      'GET /api/v1/auth/me': () =>
        json(200, {
          ...ADMIN,
          username: 'inv',
          displayName: '招商专员',
          roles: ['investment'],
          permissions: ['lead:list'],
        }),
    });
    renderWithApp(<AppRoutes />);
    await screen.findByTestId('welcome');
    const menu = screen.getByTestId('side-menu');
    expect(menu.textContent).toContain('工作台');
    expect(menu.textContent).not.toContain('系统管理');
  });

  it('refuses a page the user may not open', async () => {
    mockFetch({ 'GET /api/v1/auth/me': () => json(200, { ...ADMIN, permissions: [] }) });
    renderWithApp(<AppRoutes />, { path: '/system/users' });
    expect(await screen.findByText('没有访问此页面的权限')).toBeTruthy();
  });

  it('keeps a user who must change the password on that page', async () => {
    mockFetch({ 'GET /api/v1/auth/me': () => json(200, { ...ADMIN, mustChangePassword: true }) });
    renderWithApp(<AppRoutes />, { path: '/system/users' });
    expect(await screen.findByTestId('must-change')).toBeTruthy();
    expect(screen.getByTestId('side-menu').textContent).toBe('');
  });

  it('lists users with the total, masked phones and role names', async () => {
    const { calls } = mockFetch({
      'GET /api/v1/auth/me': () => json(200, ADMIN),
      'GET /api/v1/users': () =>
        json(
          200,
          page([
            {
              id: 7,
              username: 'zhangsan',
              displayName: '张三',
              phone: '138****1234',
              email: null,
              regionCode: '370406109000',
              regionName: '凫城镇',
              departmentId: null,
              departmentName: null,
              enterpriseId: null,
              enterpriseName: null,
              roles: ['investment'],
              status: 'active',
              mustChangePassword: false,
              lockedUntil: null,
              lastLoginAt: null,
              isDemo: true,
              version: 3,
              createdAt: '2026-01-01T00:00:00Z',
            },
          ]),
        ),
      'GET /api/v1/roles': () => json(200, { items: [] }),
      'GET /api/v1/departments': () => json(200, { items: [] }),
      'GET /api/v1/regions': () => json(200, { items: [] }),
      'GET /api/v1/users/7/phone': () => json(200, { phone: '13800001234' }),
    });
    renderWithApp(<AppRoutes />, { path: '/system/users?status=active' });
    expect(await screen.findByText('zhangsan')).toBeTruthy();
    expect(screen.getByText('共 1 条')).toBeTruthy();
    expect(screen.getByText('138****1234')).toBeTruthy();
    expect(screen.getByText('凫城镇')).toBeTruthy();
    // the URL filter reached the API
    const list = calls.find((c) => c.url.pathname === '/api/v1/users');
    expect(list?.url.searchParams.get('status')).toBe('active');
    // the eye reveals the full number
    fireEvent.click(screen.getByRole('button', { name: /查看完整手机号/ }));
    expect(await screen.findByText('13800001234')).toBeTruthy();
  });
});

describe('login page', () => {
  it('shows the server message on a wrong password', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        json(401, { status: 401, code: 'INVALID_CREDENTIALS', message: '用户名或密码错误', requestId: 'r' }),
    });
    renderWithApp(<AppRoutes />, { path: '/login' });
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'nope' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    expect(await screen.findByTestId('login-error')).toBeTruthy();
    expect(screen.getByTestId('login-error').textContent).toContain('用户名或密码错误');
  });

  it('goes to the change-password page when the account must change it', async () => {
    const me = { ...ADMIN, mustChangePassword: true };
    mockFetch({
      'POST /api/v1/auth/login': () => json(200, me),
      'GET /api/v1/auth/me': () => json(200, me),
    });
    renderWithApp(<AppRoutes />, { path: '/login?redirect=%2Fsystem%2Fusers' });
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Beizeng@2026' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() => expect(screen.getByTestId('must-change')).toBeTruthy());
  });
});
