import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
/** Uncaught exceptions and console errors per page, checked at the end of each test. */
const problems: string[] = [];

const newPage = async (): Promise<Page> => watch(await browser.context.newPage(), problems);

const login = (page: Page, username: string, password?: string) => signIn(page, server.url, username, password);

/** A small enterprise import file: one good row, one row whose USCC fails its check character. */
async function importFile(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('企业');
  ws.addRow(['企业名称*', '所在地区划代码*', '统一社会信用代码']);
  ws.addRow(['枣庄市凫城镇测试导入食品有限公司', '370406109000', '']);
  ws.addRow(['枣庄市凫城镇错码测试有限公司', '370406109000', '91370406MA3C7Q1N7B']);
  const file = path.join(server.dataDir, 'import-test.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
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

describe('enterprises', () => {
  it('a cadre finds an enterprise by pinyin initials, reads its profile, checks an import and sees the radar', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'cadre', DEMO_PASSWORD);

    // 企业名录: pinyin initials find exactly one enterprise
    await page.goto(`${server.url}/enterprises`);
    await page.getByRole('heading', { name: '企业名录' }).waitFor();
    await page.getByText(/共 \d+ 条/).waitFor();
    await page.getByPlaceholder(/拼音首字母/).fill('ycsp');
    await page.getByPlaceholder(/拼音首字母/).press('Enter');
    await page.waitForURL(/q=ycsp/);
    await page.getByText('共 1 条').waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('td').first().textContent()).toContain('山东勇辰食品有限公司');
    await shot(page, 'enterprises-search');

    // profile: chart canvas and indicator table
    await rows.first().getByRole('link', { name: '山东勇辰食品有限公司' }).click();
    await page.waitForURL(/\/enterprises\/\d+$/);
    await page.getByTestId('ent-name').filter({ hasText: '山东勇辰食品有限公司' }).waitFor();
    await page.getByTestId('indicator-chart').locator('canvas').first().waitFor();
    const indicatorRows = page.getByTestId('indicator-table').locator('tr.ant-table-row');
    await indicatorRows.first().waitFor();
    expect(await indicatorRows.count()).toBeGreaterThan(0);
    expect(await indicatorRows.first().textContent()).toMatch(/\d{4}-\d{2}/);
    await shot(page, 'enterprise-profile');

    // 导入: the dry run reports the bad USCC with the position at fault, and writes nothing
    await page.goto(`${server.url}/enterprises`);
    await page.getByText(/共 \d+ 条/).waitFor();
    await page.locator('button', { hasText: /^导\s*入$/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '导入企业' });
    await modal.waitFor();
    await modal.locator('input[type=file]').setInputFiles(await importFile());
    await modal.getByTestId('import-report').waitFor();
    const errorTable = modal.locator('.ant-table');
    await errorTable.getByText(/第 18 位/).waitFor();
    expect(await errorTable.textContent()).toContain('3');
    await modal.getByText(/不会写入任何数据/).waitFor();
    expect(await modal.getByTestId('confirm-import').count()).toBe(0);
    await shot(page, 'enterprise-import-report');
    await modal.getByRole('button', { name: /取\s*消/ }).click();

    // nothing was written
    const list = await page.evaluate(async () => (await fetch('/api/v1/enterprises?q=测试导入')).json());
    expect(list.total).toBe(0);

    // 升规纳统雷达
    await page.goto(`${server.url}/cultivation/radar`);
    await page.getByRole('heading', { name: '升规纳统' }).waitFor();
    await page.getByRole('link', { name: '山东勇辰食品有限公司' }).waitFor();
    await shot(page, 'cultivation-radar');

    await page.close();
    expect(problems).toEqual([]);
  });
});
