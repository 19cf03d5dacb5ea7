import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, ensureWebBuilt, launchBrowser, type RunningServer, SHOTS, startServer } from './harness';

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
const problems: string[] = [];

async function newPage(): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

async function login(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.locator('input[autocomplete=username]').fill(username);
  await page.locator('input[autocomplete=current-password]').fill(password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('welcome').waitFor();
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

describe('cockpit', () => {
  it('leader opens the cockpit, drills into 规上工业产值 and sees the warnings', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'leader', DEMO_PASSWORD);

    // the 驾驶舱 group comes right after 工作台
    const menu = page.getByTestId('side-menu');
    await menu.getByText('驾驶舱', { exact: true }).click();
    await menu.getByText('领导驾驶舱').click();
    await page.waitForURL(/\/cockpit$/);

    const card = page.getByTestId('kpi-industrial_output');
    await card.getByText('规上工业产值').waitFor();
    const figure = (await card.getByTestId('kpi-actual').textContent())?.trim() ?? '';
    expect(figure).toMatch(/\d.*(万元|亿元)$/);
    await page.getByTestId('as-of').waitFor();
    expect(await page.getByTestId('as-of').textContent()).toMatch(/^数据截至 /);
    await page.getByTestId('chart-output').locator('canvas').first().waitFor();
    await shot(page, 'cockpit');

    await card.click();
    await page.waitForURL(/\/cockpit\/drill\?metric=industrial_output&period=\d{4}-\d{2}/);
    await page.getByRole('cell', { name: '合计' }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect((await page.getByTestId('drill-sum').textContent())?.trim()).toBe(figure);
    expect((await page.getByTestId('drill-total').textContent())?.trim()).toBe(figure);
    await shot(page, 'cockpit-drill');

    await page.getByTestId('side-menu').getByText('预警提醒').click();
    await page.waitForURL(/\/warnings$/);
    await page.getByTestId('warning-project_red').getByText('项目亮红灯').waitFor();
    await shot(page, 'warnings');

    await page.close();
    expect(problems).toEqual([]);
  });
});
