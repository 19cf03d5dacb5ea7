import fs from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
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

/** The open modal whose title contains `title`. */
const modal = (page: Page, title: string) =>
  page.locator('.ant-modal').filter({ has: page.locator('.ant-modal-title', { hasText: title }) });

/** The kanban card of the lead named `name`. */
const card = (page: Page, name: string) => page.locator('[data-testid^=lead-card-]').filter({ hasText: name });

/** Opens the card's 移至 menu and picks `stage`. */
async function moveTo(page: Page, c: Locator, stage: string) {
  await c.getByTestId('lead-move').click();
  await page.locator('.ant-dropdown:visible').getByText(stage, { exact: true }).click();
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

describe('leads (招商引资)', () => {
  const suffix = Date.now().toString(36);
  const investor = `济南测试新材料有限公司 ${suffix}`;
  const name = `高端新材料产业园 ${suffix}`;

  it('the investment officer registers a lead, moves it to 洽谈, signs and lands it, and opens the project', async () => {
    problems.length = 0;
    const page = await newPage();
    await login(page, 'investment');

    // the list with the demo leads
    await page.goto(`${server.url}/leads`);
    await page.getByText(/共 \d+ 条/).waitFor();
    await shot(page, 'leads-list');

    // 登记线索 (≥ 1亿)
    await page
      .getByRole('button', { name: /登记线索/ })
      .first()
      .click();
    const drawer = page.locator('.ant-drawer-section').filter({ hasText: '意向投资额' });
    await drawer.waitFor();
    await drawer.getByLabel('投资方').fill(investor);
    await drawer.getByLabel('项目名称').fill(name);
    await drawer.getByLabel('意向投资额（元）').fill('150000000');
    await drawer.getByText('1.50 亿元').waitFor();
    await drawer.locator('.ant-form-item').filter({ hasText: '线索来源' }).locator('.ant-select').click();
    await page.locator('.ant-select-dropdown:visible').getByText('以商招商', { exact: true }).click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText(`已登记线索 ${name}`).waitFor();
    await page.locator('tr').filter({ hasText: name }).getByText('1.50 亿元').waitFor();

    // the kanban: 线索 → 洽谈
    await page.goto(`${server.url}/leads/kanban`);
    const inLead = page.getByTestId('lead-column-lead');
    await card(page, name).waitFor();
    expect(await inLead.locator('[data-testid^=lead-card-]').filter({ hasText: name }).count()).toBe(1);
    await moveTo(page, card(page, name), '洽谈');
    const move = modal(page, '移至“洽谈”');
    await move.waitFor();
    await move.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByText('已移至“洽谈”').waitFor();
    await page
      .getByTestId('lead-column-negotiation')
      .locator('[data-testid^=lead-card-]')
      .filter({ hasText: name })
      .waitFor();
    await shot(page, 'leads-kanban');

    // 签约 from the kanban
    await moveTo(page, card(page, name), '签约');
    const sign = modal(page, '登记签约');
    await sign.waitFor();
    await sign.getByLabel('签约金额（元）').fill('150000000');
    await sign.getByLabel('签约活动').fill(`重点项目集中签约 ${suffix}`);
    await sign.getByRole('button', { name: '确认签约' }).click();
    await page.getByText('已登记签约').waitFor();
    await page
      .getByTestId('lead-column-signed')
      .locator('[data-testid^=lead-card-]')
      .filter({ hasText: name })
      .waitFor();

    // 落地 with 张志强 as the person responsible
    await moveTo(page, card(page, name), '落地');
    const land = modal(page, '落地转项目');
    await land.waitFor();
    await land.getByLabel('项目责任人').click();
    await page.locator('.ant-select-item-option[title="张志强"]').click();
    await land.getByRole('button', { name: '确认落地' }).click();
    const link = land.getByTestId('lead-project-link');
    await link.waitFor();
    await link.click();
    await page.getByTestId('project-name').filter({ hasText: name }).waitFor();
    await shot(page, 'leads-landed-project');

    // the lead's page shows the stage, the signing and the history
    await page.goto(`${server.url}/leads`);
    await page.getByRole('link', { name }).click();
    await page.getByTestId('lead-title').filter({ hasText: name }).waitFor();
    expect(await page.getByTestId('lead-stage').first().getAttribute('data-stage')).toBe('landed');
    await page.getByRole('tab', { name: /历程/ }).click();
    await page.getByText(/转为项目 #\d+/).waitFor();

    // usable on a phone
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of ['/leads', '/leads/kanban', '/leads/forecast', '/investment-plans']) {
      await page.goto(`${server.url}${p}`);
      await page.locator('.ant-card').first().waitFor();
      await page.waitForLoadState('networkidle');
      const o = await overflow(page);
      expect(o.scroll, p).toBeLessThanOrEqual(o.client + 1);
    }
    await page.getByTestId('plan-2026').waitFor();
    await shot(page, 'investment-plans-mobile');
    await page.close();
    expect(problems).toEqual([]);
  });
});
