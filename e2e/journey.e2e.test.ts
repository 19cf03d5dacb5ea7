import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  ensureWebBuilt,
  launchBrowser,
  overflow,
  type RunningServer,
  SHOTS,
  shot,
  signIn,
  startServer,
  watch,
} from './harness';

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
/** Uncaught exceptions and console errors per page, checked at the end of each test. */
const problems: string[] = [];

/** Mirrors the sidebar of apps/web/src/app/routes.tsx: label → permission. */
const SYSTEM_ITEMS: [string, string][] = [
  ['用户管理', 'system:user:list'],
  ['角色管理', 'system:role:list'],
  ['部门管理', 'system:dept:list'],
  ['数据字典', 'system:dict:list'],
  ['节假日日历', 'system:calendar:list'],
  ['行政区划', 'system:region:list'],
  ['操作日志', 'audit:list'],
  ['登录日志', 'audit:login:list'],
  ['系统设置', 'system:setting:list'],
];

const newPage = async (): Promise<Page> => watch(await browser.context.newPage(), problems);

const login = (page: Page, username: string, password?: string) => signIn(page, server.url, username, password);

async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Log out/ }).click();
  await page.waitForURL(/\/login/);
}

/** The menu as the user sees it (innerText skips collapsed, hidden items; textContent would not). */
// biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property
const menuText = (page: Page) => page.getByTestId('side-menu').innerText();

beforeAll(async () => {
  ensureWebBuilt();
  fs.mkdirSync(SHOTS, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('journey', () => {
  it('admin creates an investment officer, who then sees only their own menu', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'admin', DEMO_PASSWORD);

    // Chinese UI by default
    expect(await page.getByTestId('welcome').textContent()).toMatch(/好，/);
    expect(await menuText(page)).toContain('系统管理');
    expect(await page.getByTestId('demo-badge').textContent()).toBe('演示数据 DEMO');
    await shot(page, 'home-admin');

    // create a user through the drawer
    const username = `zs${Date.now().toString(36)}`;
    const password = 'Zhaoshang#2026';
    await page.goto(`${server.url}/system/users`);
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.getByText(/共 \d+ 条/).waitFor();
    await page
      .getByRole('button', { name: /新\s*增/ })
      .first()
      .click();
    const drawer = page.locator('.ant-drawer-section').filter({ hasText: '新增用户' });
    await drawer.waitFor();
    await drawer.getByLabel('用户名').fill(username);
    await drawer.getByLabel('姓名').fill('王招商');
    await drawer.getByLabel('手机号').fill('13912345678');
    // region: the admin's district is preselected; pick the town 凫城镇 below it
    await drawer.getByLabel('所属区域').click();
    await page.keyboard.type('凫城');
    await page.locator('.ant-select-tree-node-content-wrapper[title="凫城镇"]').click();
    await drawer.getByLabel('角色').click();
    await page.locator('.ant-select-dropdown:visible').getByText('招商专员', { exact: true }).click();
    await page.keyboard.press('Escape');
    await drawer.locator('input[type=password]').fill(password);
    await shot(page, 'user-drawer');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`已创建用户 ${username}`).waitFor();
    await page.getByRole('cell', { name: username }).waitFor();
    await shot(page, 'users');
    await logout(page);

    // the new user logs in with the password the admin typed (no forced change for admin-created users)
    await login(page, username, password);
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me.roles).toEqual(['investment']);
    expect(me.regionName).toBe('凫城镇');
    const text = await menuText(page);
    expect(text).toContain('工作台');
    const systemPerms = SYSTEM_ITEMS.filter(([, perm]) => me.permissions.includes(perm));
    if (systemPerms.length === 0) {
      expect(text).not.toContain('系统管理');
    } else {
      await page.getByTestId('side-menu').getByText('系统管理').click();
      await page.getByTestId('side-menu').getByText(systemPerms[0][0]).waitFor();
    }
    const opened = await menuText(page);
    for (const [label, perm] of SYSTEM_ITEMS) {
      expect(opened.includes(label), `${label} (${perm})`).toBe(me.permissions.includes(perm));
    }
    // in particular, an investment officer manages no users
    expect(opened).not.toContain('用户管理');
    await shot(page, 'home-investment');
    // a page outside the role is refused, not half-shown
    await page.goto(`${server.url}/system/users`);
    await page.getByText('没有访问此页面的权限').waitFor();
    await logout(page);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('switches to English and stays English after a reload', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'admin', DEMO_PASSWORD);
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByTestId('side-menu').getByText('Workbench').waitFor();
    expect(await menuText(page)).toContain('System');
    expect(await page.getByTestId('welcome').textContent()).toMatch(/^Good/);
    await page.reload();
    await page.getByTestId('welcome').waitFor();
    expect(await menuText(page)).toContain('Workbench');
    expect(await page.evaluate(() => localStorage.getItem('beizeng.locale'))).toBe('en');
    // the choice is saved to the account too
    const me = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    expect(me.locale).toBe('en');
    await page.goto(`${server.url}/system/users`);
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByText(/\d+ in total/).waitFor();
    await shot(page, 'users-en');
    // back to Chinese for the remaining tests
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByTestId('side-menu').getByText('工作台').waitFor();
    await logout(page);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('fits a 390 px phone: login and home have no horizontal overflow', async () => {
    problems.length = 0;
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/login`);
    await page.locator('input[autocomplete=username]').waitFor();
    expect((await overflow(page)).scroll).toBeLessThanOrEqual(390);
    await shot(page, 'mobile-login');

    await login(page, 'admin', DEMO_PASSWORD);
    expect((await overflow(page)).scroll).toBeLessThanOrEqual(390);
    await shot(page, 'mobile-home');

    // the sidebar is a drawer on a phone
    await page.getByTestId('menu-toggle').click();
    await page.locator('.ant-drawer').getByText('工作台').waitFor();
    await page.waitForTimeout(400); // let the drawer finish sliding in
    await page.screenshot({ path: path.join(SHOTS, 'mobile-menu.png') });
    await page.locator('.ant-drawer').getByText('系统管理').click();
    await page.locator('.ant-drawer').getByText('用户管理').click();
    await page.getByText(/共 \d+ 条/).waitFor();
    expect((await overflow(page)).scroll).toBeLessThanOrEqual(390);
    await shot(page, 'mobile-users');
    await logout(page);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('opens every system page for the admin without errors', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'admin', DEMO_PASSWORD);
    const pages: [string, string, string][] = [
      ['/system/roles', '角色管理', 'roles'],
      ['/system/departments', '部门管理', 'departments'],
      ['/system/dicts', '数据字典', 'dicts'],
      ['/system/calendar', '节假日日历', 'calendar'],
      ['/system/regions', '行政区划', 'regions'],
      ['/system/audit-logs', '操作日志', 'audit-logs'],
      ['/system/login-logs', '登录日志', 'login-logs'],
      ['/system/settings', '系统设置', 'settings'],
      ['/account/password', '修改密码', 'password'],
    ];
    for (const [url, title, name] of pages) {
      await page.goto(`${server.url}${url}`);
      await page.getByRole('heading', { name: title }).waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `page-${name}`);
    }
    // the audit log recorded the user created in the first test, with before/after
    await page.goto(`${server.url}/system/audit-logs`);
    await page.getByText(/共 \d+ 条/).waitFor();
    expect(await page.getByText(/共 0 条/).count()).toBe(0);
    await page.close();
    expect(problems).toEqual([]);
  });
});
