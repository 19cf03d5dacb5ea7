import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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

/** Types a date into an antd DatePicker inside `scope` (found by its label) and confirms it. */
async function pickDate(page: Page, scope: ReturnType<Page['locator']>, label: string, value: string) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  // Enter would also submit the drawer's form; Tab commits the typed date and moves on
  await page.keyboard.press('Tab');
  await expect.poll(() => input.inputValue()).toBe(value);
}

/** The open modal whose title is `title`. */
const modal = (page: Page, title: string) =>
  page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

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

describe('projects (项目调度)', () => {
  const name = `凫城镇测试智能装备项目 ${Date.now().toString(36)}`;

  it('the investment officer registers a project, applies the 备案类 nodes, reports, and downloads the 调度表', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'investment');

    // the list: the demo 抽水蓄能 project is red
    await page.goto(`${server.url}/projects`);
    await page.getByText(/共 \d+ 条/).waitFor();
    const pumped = page.locator('tr').filter({ hasText: '抽水蓄能电站一期工程' });
    await pumped.waitFor();
    expect(await pumped.locator('[data-testid=light]').getAttribute('data-light')).toBe('red');
    await shot(page, 'projects-list');

    // register a project through the drawer, planned to start half a year ago (so it is late)
    const started = new Date();
    started.setMonth(started.getMonth() - 6);
    started.setDate(5);
    await page
      .getByRole('button', { name: /登记项目/ })
      .first()
      .click();
    const drawer = page.locator('.ant-drawer-section').filter({ hasText: '登记项目' });
    await drawer.waitFor();
    await drawer.getByLabel('项目名称').fill(name);
    await drawer.getByLabel('项目代码').fill('2026-370406');
    await drawer.getByLabel('总投资（元）').click();
    await drawer.getByText('投资项目代码为 24 位').waitFor();
    await drawer.getByLabel('项目代码').fill('2026-370406-34-03-000123');
    await drawer.getByLabel('总投资（元）').fill('120000000');
    await drawer.getByText('1.20 亿元').waitFor();
    await drawer.getByLabel('审批类型').click();
    await page.locator('.ant-select-dropdown:visible').getByText('备案', { exact: true }).click();
    await pickDate(page, drawer, '计划开工', ymd(started));
    // the filter form of the list has a 阶段 field with the same id, so find the drawer's by its item
    await drawer.locator('.ant-form-item').filter({ hasText: '阶段' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText('签约', { exact: true }).click();
    // 包保领导 comes from the colleagues lookup
    await drawer.getByLabel('包保领导').click();
    await page.locator('.ant-select-item-option[title="刘振华"]').click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`已登记项目 ${name}`).waitFor();
    await page.getByRole('link', { name }).click();
    await page.getByTestId('project-name').filter({ hasText: name }).waitFor();
    const projectUrl = page.url();

    // 审批节点: apply the 备案类 template from the planned start
    await page.getByRole('tab', { name: '审批节点' }).click();
    await page.getByText('尚未生成审批节点').waitFor();
    await page.getByLabel('审批模板').click();
    await page.locator('.ant-select-dropdown:visible').getByText('企业投资备案类', { exact: true }).click();
    await page.getByRole('button', { name: '生成节点' }).click();
    await page.getByText('已生成审批节点').waitFor();
    await page.getByRole('cell', { name: '项目备案' }).waitFor();
    await shot(page, 'project-nodes');

    // 调度: this month's progress
    await page.getByRole('tab', { name: '调度' }).click();
    await page.getByRole('button', { name: /报送调度/ }).click();
    const report = modal(page, '报送调度');
    await report.waitFor();
    await report.getByLabel('形象进度').fill('厂房基础施工完成 60%，钢结构进场');
    await report.getByLabel('本期完成投资（元）').fill('3000000');
    await report.getByLabel('存在问题').fill('施工用电尚未接通');
    await report.getByLabel('下步计划').fill('协调供电所月底前接电');
    await report.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText(/已报送 \d{4}-\d{2} 调度/).waitFor();
    await page.getByRole('cell', { name: /厂房基础施工完成/ }).waitFor();

    // 投资: this month's completed investment
    await page.getByRole('tab', { name: '投资' }).click();
    await page.getByRole('button', { name: /填报本月/ }).click();
    const invest = modal(page, '填报月度完成投资');
    await invest.waitFor();
    await invest.getByLabel('完成投资（元）').fill('3000000');
    await invest.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('已保存月度投资').waitFor();
    await page.getByTestId('invest-chart').waitFor();
    await page.getByRole('cell', { name: '300.00 万元' }).first().waitFor();

    // 阶段: 开工 is refused while the 施工许可 node is open; the server names the node
    await page.getByRole('tab', { name: '阶段' }).click();
    await page.getByRole('button', { name: /推进阶段/ }).click();
    const move = modal(page, '推进阶段');
    await move.waitFor();
    await move.locator('.ant-modal-footer .ant-btn-primary').click();
    expect(await page.getByTestId('stage-blocked').textContent()).toMatch(/须先完成审批节点：.*施工许可/);
    await shot(page, 'project-stage-blocked');
    await move.locator('.ant-modal-footer .ant-btn').first().click();
    // 停缓建 needs a reason; 复工 lifts it
    await page.getByRole('button', { name: /停缓建/ }).click();
    const suspend = modal(page, '停缓建');
    await suspend.locator('.ant-modal-footer .ant-btn-primary').click();
    await suspend.getByText('此项为必填项').waitFor();
    await suspend.getByLabel('原因').fill('等待施工用电接入');
    await suspend.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('已更新阶段').waitFor();
    await page.getByText('等待施工用电接入').waitFor();
    await page.getByRole('button', { name: /复\s*工/ }).click();
    await modal(page, '复工').locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByRole('button', { name: /停缓建/ }).waitFor();

    // the light: late start and overdue nodes make it red, with the reasons shown
    await page.goto(projectUrl);
    const header = page.getByTestId('light').first();
    await expect.poll(() => header.getAttribute('data-light')).toBe('red');
    expect(await page.getByTestId('light-reasons').textContent()).toMatch(/开工/);
    expect(await page.getByRole('row', { name: /包保领导/ }).textContent()).toContain('刘振华');
    await shot(page, 'project-detail');

    // the 调度表 of this month, downloaded through the page
    await page.goto(`${server.url}/projects`);
    await page.getByText(/共 \d+ 条/).waitFor();
    await page.getByRole('button', { name: /调度表/ }).click();
    const downloading = page.waitForEvent('download');
    await page.getByTestId('schedule-download').click();
    const download = await downloading;
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'beizeng-prj-')), download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers.slice(0, 3)).toEqual(['序号', '项目名称', '总投资（万元）']);
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) names.push(String(row.getCell(2).value ?? ''));
    });
    expect(names).toContain(name);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });

    // 看板: the 签约 column counts the project; a click opens the filtered list
    await page.goto(`${server.url}/projects/kanban`);
    await page.getByTestId('kanban-signed').click();
    await page.waitForURL(/stage=signed/);
    await page.getByRole('link', { name }).waitFor();

    // phone width: the list does not scroll sideways as a page
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(projectUrl);
    await page.getByTestId('project-name').waitFor();
    const o = await overflow(page);
    expect(o.scroll).toBeLessThanOrEqual(o.client + 1);
    await shot(page, 'mobile-project-detail');
    await page.close();
    expect(problems).toEqual([]);
  });
});
