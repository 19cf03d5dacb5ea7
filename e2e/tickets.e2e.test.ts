import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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

const newPage = async (): Promise<Page> => watch(await browser.context.newPage(), problems);

const login = (page: Page, username: string) => signIn(page, server.url, username);

async function logout(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: /退出登录|Log out/ }).click();
  await page.waitForURL(/\/login/);
}

/** The state tag in the ticket header. */
const headerState = (page: Page) => page.getByTestId('ticket-detail').getByTestId('ticket-state').first();

/** Clicks an action button of the ticket, fills the modal (optional) and confirms it; waits for the new state. */
async function act(
  page: Page,
  action: string,
  state: string,
  fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>,
) {
  await page.locator(`[data-action=${action}]`).click();
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('transition-form') });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator('.ant-modal-footer .ant-btn-primary').click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => headerState(page).textContent()).toBe(state);
}

async function openTicket(page: Page, id: number) {
  await page.goto(`${server.url}/tickets/${id}`);
  await page.getByTestId('ticket-title').waitFor();
}

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

describe('tickets (助企服务)', () => {
  let ticketId = 0;
  const title = `冷库用电增容 ${Date.now().toString(36)}`;

  it('the enterprise registers, the town assigns, the department handles, the town closes, the enterprise rates', async () => {
    problems.length = 0;
    const page = await newPage();

    // 1. the enterprise user registers a ticket for its own enterprise
    await login(page, 'enterprise');
    await page.goto(`${server.url}/tickets`);
    await page.getByRole('heading', { name: '诉求办理' }).waitFor();
    await page.getByText(/共 \d+ 条/).waitFor();
    await page.getByRole('button', { name: '登记诉求' }).first().click();
    const drawer = page.locator('.ant-drawer-section').filter({ hasText: '登记诉求' });
    await drawer.waitFor();
    // fixed to the user's own enterprise; no 来源 for an enterprise
    await drawer.getByText('山东勇辰食品有限公司').waitFor();
    expect(await drawer.getByLabel('来源').count()).toBe(0);
    await drawer.getByLabel('类别').click();
    await page.locator('.ant-select-dropdown:visible').getByText('用电', { exact: true }).click();
    await drawer.getByLabel('标题').fill(title);
    await drawer.getByLabel('诉求内容').fill('新建冷库需要将用电容量由 400 kVA 增至 800 kVA，请协调供电部门。');
    await shot(page, 'ticket-register');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/tickets\/\d+$/);
    ticketId = Number(new URL(page.url()).pathname.split('/').pop());
    expect(ticketId).toBeGreaterThan(0);
    await page.getByTestId('ticket-title').waitFor();
    expect(await page.getByTestId('ticket-title').textContent()).toBe(title);
    expect(await headerState(page).textContent()).toBe('登记');
    // an enterprise cannot assign
    expect(await page.locator('[data-action=assign]').count()).toBe(0);
    await logout(page);

    // 2. the town dispatcher is told (bell), opens it from there and assigns it to 区自然资源局 as the lead department
    await login(page, 'cadre');
    const bell = page.getByTestId('notification-bell');
    await expect
      .poll(async () => Number((await bell.locator('.ant-badge-count').getAttribute('title')) ?? 0))
      .toBeGreaterThan(0);
    await bell.click();
    await page.locator('.ant-dropdown:visible').getByText(title).first().click();
    await page.waitForURL(new RegExp(`/tickets/${ticketId}$`));
    await page.getByTestId('ticket-title').waitFor();
    await act(page, 'assign', '已交办', async (dialog) => {
      await dialog.getByLabel('主办部门').click();
      await page.keyboard.type('自然资源');
      await page.locator('.ant-select-dropdown:visible').getByText('区自然资源局', { exact: true }).click();
    });
    await page.getByText('区自然资源局').first().waitFor();
    await shot(page, 'ticket-assigned');
    await logout(page);

    // 3. the department accepts (签收), starts, answers and submits for review
    await login(page, 'department');
    await openTicket(page, ticketId);
    await act(page, 'accept', '已签收');
    await act(page, 'start', '办理中');
    await act(page, 'answer', '已答复', async (dialog) => {
      await dialog.getByLabel('答复内容').fill('已协调国网供电公司，11 月底前完成增容。');
    });
    await act(page, 'submit_review', '办结审核');
    expect(await page.getByTestId('ticket-answer').textContent()).toContain('完成增容');
    await logout(page);

    // 4. the dispatcher approves the closing
    await login(page, 'cadre');
    await openTicket(page, ticketId);
    await act(page, 'approve_close', '回访评价');
    await logout(page);

    // 5. the enterprise rates it 满意 and it is archived
    await login(page, 'enterprise');
    await openTicket(page, ticketId);
    await act(page, 'rate', '已归档', async (dialog) => {
      await dialog.getByText('满意', { exact: true }).click();
      expect(await dialog.getByLabel('问题是否真正解决').isChecked()).toBe(true);
    });
    expect(await page.locator('[data-action]').count()).toBe(0);
    // the history tells the story
    await page.getByRole('tab', { name: '办理记录' }).click();
    const history = await page.getByTestId('ticket-history').textContent();
    for (const step of ['登记', '交办', '签收', '开始办理', '答复', '提交办结审核', '审核通过', '评价']) {
      expect(history).toContain(step);
    }
    await shot(page, 'ticket-archived');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('fits a 390 px phone: the ticket detail has no horizontal overflow', async () => {
    problems.length = 0;
    const page = await newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, 'cadre');
    await openTicket(page, ticketId);
    await page.waitForLoadState('networkidle');
    expect((await overflow(page)).scroll).toBeLessThanOrEqual(390);
    await shot(page, 'mobile-ticket');
    await page.getByRole('tab', { name: '办理记录' }).click();
    expect((await overflow(page)).scroll).toBeLessThanOrEqual(390);
    // the list too
    await page.goto(`${server.url}/tickets`);
    await page.getByText(/共 \d+ 条/).waitFor();
    expect((await overflow(page)).scroll).toBeLessThanOrEqual(390);
    await shot(page, 'mobile-tickets');
    await logout(page);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('opens the other service pages without errors', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'admin');
    const pages: [string, string, string][] = [
      ['/tickets/stats', '服务统计', 'ticket-stats'],
      ['/visits', '走访记录', 'visits'],
      ['/visits?view=calendar', '走访记录', 'visits-calendar'],
      ['/assignments', '帮包关系', 'assignments'],
      ['/notifications', '消息通知', 'notifications'],
    ];
    for (const [url, heading, name] of pages) {
      await page.goto(`${server.url}${url}`);
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, `page-${name}`);
    }
    await page.close();
    expect(problems).toEqual([]);
  });
});
