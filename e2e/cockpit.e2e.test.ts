import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_PASSWORD,
  ensureWebBuilt,
  launchBrowser,
  type RunningServer,
  SHOTS,
  shot,
  signIn,
  startServer,
  watch,
} from './harness';

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
const problems: string[] = [];

const newPage = async (): Promise<Page> => watch(await browser.context.newPage(), problems);

const login = (page: Page, username: string, password?: string) => signIn(page, server.url, username, password);

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
