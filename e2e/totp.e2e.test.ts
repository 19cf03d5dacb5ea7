/**
 * Two-factor authentication in Chromium: an administrator makes a role require it, the role's user is held on
 * the enrolment page, scans (reads) the key, confirms with a code, and from then on logs in with a code.
 */
import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, totpAt } from '../apps/server/src/modules/auth/totp';
import {
  DEMO_PASSWORD,
  ensureWebBuilt,
  launchBrowser,
  type RunningServer,
  SHOTS,
  shot,
  signIn,
  signOut,
  startServer,
  watch,
} from './harness';

let server: RunningServer;
let browser: { context: BrowserContext; close: () => Promise<void> };
const problems: string[] = [];

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

const code = (secret: string, steps = 0) => totpAt(base32Decode(secret), Date.now() + steps * 30_000);

async function fillLogin(page: Page, username: string) {
  await page.goto(`${server.url}/login`);
  await page.locator('input[autocomplete=username]').fill(username);
  await page.locator('input[autocomplete=current-password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
}

describe('two-factor authentication', () => {
  it('a required role forces enrolment; afterwards login asks for the code', async () => {
    const page = watch(await browser.context.newPage(), problems);
    await signIn(page, server.url, 'admin');
    // the administrator turns the requirement on for the investment role in the roles page
    await page.goto(`${server.url}/system/roles`);
    const row = page.locator('tr', { has: page.locator('text=investment') });
    await row.getByRole('button', { name: /编\s*辑/ }).click();
    await page.getByTestId('role-require-totp').click();
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await row.getByText('须双因素').waitFor();
    await signOut(page);

    await fillLogin(page, 'investment');
    await page.waitForURL(/\/account\/2fa/);
    await page.getByTestId('must-enrol').waitFor();
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor();
    const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await shot(page, 'totp-enrol');
    await page.getByTestId('totp-code').fill(code(secret));
    await page.getByTestId('totp-enable').click();
    await page.getByTestId('welcome').waitFor();
    await signOut(page);

    await fillLogin(page, 'investment');
    await page.getByTestId('totp-code').waitFor();
    await page.getByTestId('totp-code').fill(code(secret, 1)); // the enrolment used the current step
    await page.getByRole('button', { name: /验证并登录/ }).click();
    await page.getByTestId('welcome').waitFor();
    expect(problems).toEqual([]);
  });
});
