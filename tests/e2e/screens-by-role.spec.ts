import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { callAsPage, deskForEachTest, E2E_ADMIN } from '../helpers/serve-desk';

test.use({ viewport: { width: 1366, height: 768 } });
const CLERK = { name: 'clerk-9', password: '135790' };
const BATCH = '柜台 角色';
const desk = deskForEachTest('screens-by-role.png', {
  signedIn: false,
  env: { HPF_DESK_BACKGROUND_OCR: 'off' },
  prepare: async (cli, root) => {
    const scan = path.join(root, '申请表.jpg');
    await writeFile(scan, await syntheticJpeg(41, { width: 620, height: 877, dpi: 75 }));
    await cli(['user', 'add', CLERK.name, '--role', 'clerk'], { HPF_DESK_NEW_PASSWORD: CLERK.password });
    await cli(['import', scan, '--batch', BATCH]);
  },
});

async function signIn(page: Page, user: { name: string; password: string }) {
  const dialog = page.getByTestId('sign-in-dialog');
  await expect(dialog).toBeVisible();
  await page.keyboard.type(user.name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await page.getByTestId('batch-item').filter({ hasText: BATCH }).click();
  await expect(page.getByTestId('page-thumb')).toHaveCount(1);
}

/** Open a screen by its key; `check` looks at it; its close button closes it. */
async function onScreen(page: Page, key: string, testId: string, check: (screen: ReturnType<Page['getByTestId']>) => Promise<void>) {
  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press(key);
  const screen = page.getByTestId(testId);
  await expect(screen).toBeVisible();
  await check(screen);
  await screen.locator('.modal-head button').click();
  await expect(screen).toBeHidden();
}

test('a clerk gets the sync settings, scheme, scan profiles, catalogue linking and QC read-only with one line saying why (and no command line); the administrator gets them open', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(desk.url);
  await signIn(page, CLERK);

  await onScreen(page, 'y', 'sync-panel', async (panel) => {
    await expect(panel.getByTestId('sync-target')).toContainText('尚未设置，请联系站长/管理员');
    await expect(panel).not.toContainText('hpf-desk');
    await expect(panel.getByTestId('sync-pause-all')).toHaveCount(0);
  });
  await onScreen(page, 'y', 'sync-panel', async () => {
    await page.keyboard.press('s');
    const settings = page.getByTestId('sync-settings');
    await expect(settings.getByTestId('read-only-note')).toContainText('请联系站长/管理员');
    await expect(settings.getByTestId('settings-name')).toBeDisabled();
    await expect(settings.getByTestId('settings-save')).toHaveCount(0);
    await settings.locator('.modal-head button').click();
    await page.keyboard.press('y');
  });
  // The scheme screen is the administrator's: a clerk's header has no button for it, and F9 says whose it is in one line.
  await expect(page.getByTestId('session-user')).toBeVisible();
  await expect(page.getByTestId('scheme-admin-open')).toHaveCount(0);
  await page.getByTestId('page-thumb').first().click();
  await page.keyboard.press('F9');
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('这需要“修改分类方案与要件清单”的权限，请联系站长或管理员');
  // One line at 1366 px: the reason's text makes a single line box.
  const lineTops = await notice.locator('.notice-detail').evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  expect(lineTops).toBe(1);
  await expect(page.getByTestId('scheme-admin')).toHaveCount(0);
  await notice.getByRole('button').click();
  // Nor does the key list offer it.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toContainText('在选中页处拆分文件');
  await expect(page.getByTestId('help-overlay')).not.toContainText('F9');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();
  await onScreen(page, 'p', 'profile-form', async (profiles) => {
    await expect(profiles.getByTestId('read-only-note')).toContainText('扫描配置');
    await expect(profiles.getByTestId('profile-name')).toBeDisabled();
    await expect(profiles.getByTestId('profile-save')).toHaveCount(0);
  });
  await onScreen(page, 'Shift+C', 'catalogue-dialog', async (catalogue) => {
    await expect(catalogue.getByTestId('read-only-note')).toContainText('档案员');
    await expect(catalogue.getByTestId('catalogue-path')).toHaveCount(0);
  });
  await onScreen(page, 'q', 'qc-dialog', async (qc) => {
    await expect(qc.getByTestId('read-only-note')).toContainText('质检员');
    await expect(qc.getByTestId('qc-draw')).toHaveCount(0);
  });
  // The core refuses the same, whatever the page asks.
  expect(await callAsPage(page, 'scheme.save', { body: {}, reason: '试试' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

  // The administrator, on the same station: every screen open, with its save.
  await page.keyboard.press('u');
  await signIn(page, E2E_ADMIN);
  await onScreen(page, 'y', 'sync-panel', async (panel) => {
    await expect(panel.getByTestId('sync-target')).not.toContainText('请联系站长');
    await expect(panel.getByTestId('sync-pause-all')).toBeVisible();
  });
  await onScreen(page, 'y', 'sync-panel', async () => {
    await page.keyboard.press('s');
    const settings = page.getByTestId('sync-settings');
    await expect(settings.getByTestId('settings-save')).toBeVisible();
    await expect(settings.getByTestId('settings-name')).toBeEnabled();
    await expect(settings.getByTestId('read-only-note')).toHaveCount(0);
    await settings.locator('.modal-head button').click();
    await page.keyboard.press('y');
  });
  await expect(page.getByTestId('scheme-admin-open')).toBeVisible();
  await onScreen(page, 'F9', 'scheme-admin', async (scheme) => {
    await expect(scheme.getByTestId('scheme-save')).toBeVisible();
    await expect(scheme.getByTestId('read-only-note')).toHaveCount(0);
  });
  await onScreen(page, 'p', 'profile-form', async (profiles) => {
    await expect(profiles.getByTestId('profile-save')).toBeVisible();
  });
  await onScreen(page, 'Shift+C', 'catalogue-dialog', async (catalogue) => {
    await expect(catalogue.getByTestId('catalogue-path')).toBeVisible();
  });
  await onScreen(page, 'q', 'qc-dialog', async (qc) => {
    await expect(qc.getByTestId('qc-draw')).toBeVisible();
    await expect(qc.getByTestId('read-only-note')).toHaveCount(0);
  });
});
