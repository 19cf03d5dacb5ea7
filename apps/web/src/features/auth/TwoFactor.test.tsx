import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '../../app/App';
import { ADMIN, json, mockFetch, renderWithApp } from '../../test/render';

afterEach(() => vi.unstubAllGlobals());

describe('two-factor authentication in the web app', () => {
  it('asks for the code after a right password and sends it with the same credentials', async () => {
    const { calls } = mockFetch({
      'POST /api/v1/auth/login': ({ body }) =>
        body.totp === '123456'
          ? json(200, { ...ADMIN, totpEnabled: true })
          : json(401, {
              status: 401,
              code: 'TOTP_REQUIRED',
              message: '该账号已启用双因素认证，请输入身份验证器中的 6 位动态验证码',
              requestId: 'r',
            }),
      'GET /api/v1/auth/me': () => json(200, { ...ADMIN, totpEnabled: true }),
    });
    renderWithApp(<AppRoutes />, { path: '/login' });
    fireEvent.change(await screen.findByLabelText('用户名'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'Beizeng@2026' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    const code = await screen.findByTestId('totp-code');
    expect(screen.getByText('该账号已启用双因素认证，请输入动态验证码')).toBeTruthy();
    fireEvent.change(code, { target: { value: '123 456' } });
    fireEvent.click(screen.getByRole('button', { name: /验证并登录/ }));
    await screen.findByTestId('welcome');
    const logins = calls.filter((c) => c.url.pathname === '/api/v1/auth/login');
    expect(logins.map((c) => c.body)).toEqual([
      { username: 'admin', password: 'Beizeng@2026' },
      { username: 'admin', password: 'Beizeng@2026', totp: '123456' },
    ]);
  });

  it('keeps a user whose role requires it on the enrolment page, with the QR code and the key', async () => {
    const me = { ...ADMIN, totpRequired: true, mustEnrolTotp: true };
    mockFetch({
      'GET /api/v1/auth/me': () => json(200, me),
      'POST /api/v1/auth/totp/setup': () =>
        json(200, {
          secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
          uri: 'otpauth://totp/Beizeng:admin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Beizeng',
        }),
    });
    renderWithApp(<AppRoutes />, { path: '/system/users' });
    expect(await screen.findByTestId('must-enrol')).toBeTruthy();
    expect(screen.getByTestId('side-menu').textContent).not.toContain('系统管理');
    fireEvent.click(screen.getByTestId('totp-start'));
    expect(await screen.findByTestId('totp-qr')).toBeTruthy();
    expect(screen.getByTestId('totp-secret').textContent).toContain('JBSW Y3DP EHPK 3PXP');
  });

  it('shows the 2FA column and offers the administrator a reset', async () => {
    const user = {
      id: 7,
      username: 'zhangsan',
      displayName: '张三',
      phone: null,
      email: null,
      regionCode: '370406109000',
      regionName: '凫城镇',
      departmentId: null,
      departmentName: null,
      enterpriseId: null,
      enterpriseName: null,
      roles: ['cadre'],
      status: 'active',
      mustChangePassword: false,
      totpEnabled: true,
      lockedUntil: null,
      lastLoginAt: null,
      isDemo: false,
      version: 1,
      createdAt: '2026-01-01T00:00:00Z',
    };
    const { calls } = mockFetch({
      'GET /api/v1/auth/me': () => json(200, ADMIN),
      'GET /api/v1/users': () => json(200, { items: [user], total: 1, page: 1, pageSize: 20 }),
      'GET /api/v1/roles': () => json(200, { items: [] }),
      'GET /api/v1/departments': () => json(200, { items: [] }),
      'GET /api/v1/regions': () => json(200, { items: [] }),
      'POST /api/v1/users/7/reset-totp': () => json(200, { ok: true }),
    });
    renderWithApp(<AppRoutes />, { path: '/system/users' });
    expect(await screen.findByText('zhangsan')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /重置双因素认证/ }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(calls.some((c) => c.url.pathname === '/api/v1/users/7/reset-totp')).toBe(true));
  });
});
