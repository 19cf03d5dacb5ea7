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

  it('leader opens the printable weekly 调度 brief from the cockpit: title, date, the written sentences, charts', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'leader', DEMO_PASSWORD);
    await page.goto(`${server.url}/cockpit`);
    await page.getByTestId('kpi-industrial_output').waitFor();
    await page.getByTestId('brief-menu').click();
    await page.getByRole('menuitem', { name: '打印页' }).first().click();
    await page.waitForURL(/\/reports\/print\?kind=weekly&period=\d{4}-\d{2}/);
    const sheet = page.getByTestId('brief-sheet');
    await sheet.locator('h1').waitFor();
    expect(await sheet.locator('h1').textContent()).toMatch(/^重点工作调度周报（\d{4}年\d{1,2}月）$/);
    expect(await sheet.locator('.bz-brief-date').textContent()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    const text = (await sheet.textContent()) ?? '';
    // the sentence the server writes from the data, in the customary form
    expect(text).toMatch(/全镇在建重点项目\d+个，总投资\d+\.\d{2}亿元；/);
    expect(text).toMatch(/今年以来受理企业诉求\d+件，办结\d+件/);
    expect(text).toContain('重点项目推进情况');
    await page.getByTestId('brief-charts').locator('svg').first().waitFor();
    await page.getByTestId('print').waitFor();
    // printed: no menu, no header, no toolbar; the tables start on their own page
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('side-menu').isVisible()).toBe(false);
    expect(await page.getByTestId('print').isVisible()).toBe(false);
    expect(await sheet.isVisible()).toBe(true);
    expect(
      await page
        .locator('.bz-brief-break')
        .first()
        .evaluate((el) => getComputedStyle(el).breakBefore),
    ).toBe('page');
    await shot(page, 'brief-print');
    await page.emulateMedia({ media: 'screen' });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('supervisor drills a KPI district → town → rows, each level adding up to the figure', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'supervisor', DEMO_PASSWORD);
    await page.goto(`${server.url}/cockpit`);
    // the district's cockpit
    await page.getByTestId('cockpit-region').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '山亭区' }).click();
    await page.waitForURL(/region=370406000000/);
    const card = page.getByTestId('kpi-industrial_output');
    await card.getByTestId('kpi-actual').waitFor();
    const figure = (await card.getByTestId('kpi-actual').textContent())?.trim() ?? '';
    expect(figure).toMatch(/\d.*(万元|亿元)$/);
    await card.click();
    await page.waitForURL(/\/cockpit\/drill\?metric=industrial_output&period=\d{4}-\d{2}&region=370406000000/);
    // the district split by town; the parts add up to the KPI
    const town = page.getByTestId('part-370406109000');
    await town.waitFor();
    expect(await town.textContent()).toBe('凫城镇');
    expect((await page.getByTestId('drill-sum').textContent())?.trim()).toBe(figure);
    expect((await page.getByTestId('drill-total').textContent())?.trim()).toBe(figure);
    await shot(page, 'cockpit-breakdown');
    // one level down: the town lists its enterprises
    await town.click();
    await page.waitForURL(/region=370406109000/);
    await page.getByRole('cell', { name: '合计' }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor(); // the 合计 cell can render before the rows of the new level
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().locator('a').getAttribute('href')).toMatch(/^\/enterprises\/\d+$/);
    expect(await page.getByTestId('drill-region').textContent()).toBe('凫城镇');
    // and back up through the breadcrumb
    await page.getByTestId('drill-path').getByRole('link', { name: '山亭区' }).click();
    await page.waitForURL(/region=370406000000/);
    await page.getByTestId('part-370406109000').waitFor();
    await page.close();
    expect(problems).toEqual([]);
  });
});
