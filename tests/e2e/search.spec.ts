import { expect, test, type Page } from '@playwright/test';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { json, runCli } from '../helpers/run-cli';
import { AS_ADMIN, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest();

const BATCH = '柜台 检索';

/** A counter batch with the withdrawal form imported and read in the background. */
async function importAndRead(page: Page): Promise<void> {
  const file = path.join(desk.root, '提取申请表.jpg');
  await copyFile(path.resolve('tests/fixtures/ocr/withdrawal-03.jpg'), file);
  await page.goto(desk.url);
  await page.keyboard.press('n');
  const name = page.getByRole('textbox').first();
  await name.fill(BATCH);
  await name.press('Enter');
  await expect(page.getByText(BATCH).first()).toBeVisible();
  await page.getByTestId('import-input').setInputFiles([file]);
  await expect(page.getByTestId('page-thumb')).toHaveCount(1);
  await expect(page.getByTestId('ocr-badge')).toHaveAttribute('data-ocr', 'done', { timeout: 90_000 });
}

test('the clerk searches from the keyboard, sees masked snippets by kind, and opens a page hit in the viewer', async ({ page }) => {
  test.setTimeout(150_000);
  await importAndRead(page);

  // "/" opens the search box with the cursor in it; a two-character name is found too.
  await page.locator('body').press('/');
  const dialog = page.getByTestId('search-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type('建华');
  const hit = dialog.getByTestId('search-hit');
  await expect(hit).toHaveCount(1);
  await expect(hit).toHaveAttribute('data-kind', 'page');
  await expect(dialog.getByRole('heading', { name: /页面/ })).toBeVisible();
  await expect(hit.getByTestId('search-snippet').locator('mark')).toHaveText('建华');
  // The status line gives the true count of what matched.
  await expect(page.getByTestId('search-status')).toHaveText('1 条结果');

  // A single character is refused with a message, not answered slowly or partly.
  await page.getByTestId('search-input').fill('华');
  await expect(page.getByTestId('search-status')).toContainText('请至少输入两个字');
  await expect(hit).toHaveCount(0);

  // An ID-number substring finds the page; the snippet shows the number masked, never in full.
  await page.getByTestId('search-input').fill('19660427');
  await expect(hit.getByTestId('search-snippet')).toContainText('3101**********7511');
  await expect(dialog).not.toContainText('310115196604277511');

  // Enter opens the chosen hit: the page in the viewer, with its text beside it.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('page-viewer')).toBeVisible();
  await expect(page.getByTestId('ocr-panel').getByTestId('ocr-text')).toContainText('住房公积金提取申请表');

  // Back on the main screen Ctrl+F opens search as well; Esc closes it.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('page-viewer')).toBeHidden();
  await page.keyboard.press('Control+f');
  await expect(dialog).toBeVisible();
  await page.keyboard.type('不存在的内容');
  await expect(page.getByTestId('search-status')).toContainText('没有找到');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('a dossier hit lists its items by 档号; Enter shows the item alone, then its first page', async ({ page }) => {
  test.setTimeout(150_000);
  await importAndRead(page);
  // File the form as an item with the command line beside the running app (same store).
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--data', desk.dataDir, '--json'], { env: AS_ADMIN });
    expect(run.code, run.stderr).toBe(0);
    return json<Record<string, unknown>>(run);
  };
  const pages = (await runCli(['list', 'pages', '--batch', BATCH, '--data', desk.dataDir, '--json'], { env: AS_ADMIN }).then((r) => json<Array<{ id: string }>>(r)));
  const item = await cli('item', 'new', '--batch', BATCH, '--business', 'TQ-GF', '--date', '2023-05-04', '--field', '姓名=沈建华', '--field', '证件号码=310115196604277511', '--field', '金额=258370');
  await cli('item', 'assign', String(item.item), '--page', pages[0]!.id, '--material', 'TQSQB');
  const filed = await cli('item', 'file', String(item.item), '--allow-missing', '客户补交');

  await page.locator('body').press('/');
  await page.keyboard.type('沈建华');
  const dialog = page.getByTestId('search-dialog');
  const hits = dialog.getByTestId('search-hit');
  await expect(hits.first()).toHaveAttribute('data-kind', 'dossier');
  await expect(dialog.locator('[data-testid="search-hit"][data-kind="item"]')).toContainText(String(filed.archivalCode));
  await expect(dialog.locator('[data-testid="search-hit"][data-kind="page"]')).toHaveCount(1);
  await expect(dialog).not.toContainText('310115196604277511');

  // The first hit is active: Enter shows the dossier's items; Backspace goes back, Enter again.
  await page.keyboard.press('Enter');
  const dossier = page.getByTestId('search-dossier');
  await expect(dossier).toContainText('3101**********7511');
  await expect(dossier.getByTestId('search-dossier-item')).toContainText(String(filed.archivalCode));
  // Its items name their business, not its code.
  await expect(dossier.getByTestId('search-dossier-item')).toContainText('购买自住住房 · 2023-05-04');
  await expect(dossier.getByTestId('search-dossier-item')).not.toContainText('TQ-GF');
  await page.keyboard.press('Backspace');
  await expect(dossier).toBeHidden();
  await expect(hits.first()).toHaveAttribute('data-kind', 'dossier');
  await page.keyboard.press('Enter');
  await expect(dossier.getByTestId('search-dossier-item')).toHaveCount(1);
  // Enter shows that item alone (its pages and details); Enter again opens its first page.
  await page.keyboard.press('Enter');
  const itemView = dialog.getByTestId('item-view');
  await expect(itemView.getByTestId('item-view-code')).toContainText(String(filed.archivalCode));
  await expect(itemView.getByTestId('item-view-page')).toHaveCount(1);
  await expect(itemView.getByTestId('item-view-fields')).toContainText('购买自住住房 · 2023-05-04');
  await expect(itemView.getByTestId('item-view-document')).toContainText('提取申请表');
  await expect(itemView.getByTestId('item-view-page')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('page-viewer')).toBeVisible();
  await expect(page.getByTestId('ocr-panel').getByTestId('ocr-text')).toContainText('沈建华');
});

test('the clerk narrows a search by business type from the keyboard; totals follow the filter, hits sit under their dossier', async ({ page }) => {
  test.setTimeout(180_000);
  const files = [path.join(desk.root, '提取申请表.jpg'), path.join(desk.root, '身份证.jpg')];
  await copyFile(path.resolve('tests/fixtures/ocr/withdrawal-03.jpg'), files[0]!);
  await copyFile(path.resolve('tests/fixtures/ocr/id-card-04.jpg'), files[1]!);
  await page.goto(desk.url);
  await page.keyboard.press('n');
  const name = page.getByRole('textbox').first();
  await name.fill(BATCH);
  await name.press('Enter');
  await expect(page.getByText(BATCH).first()).toBeVisible();
  await page.getByTestId('import-input').setInputFiles(files);
  await expect(page.getByTestId('page-thumb')).toHaveCount(2);
  await expect(page.getByTestId('ocr-badge').first()).toHaveAttribute('data-ocr', 'done', { timeout: 120_000 });

  // Two businesses of one customer, filed beside the running app: a withdrawal and a transfer.
  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--data', desk.dataDir, '--json'], { env: AS_ADMIN });
    expect(run.code, run.stderr).toBe(0);
    return json<Record<string, unknown>>(run);
  };
  const pages = await runCli(['list', 'pages', '--batch', BATCH, '--data', desk.dataDir, '--json'], { env: AS_ADMIN }).then((r) => json<Array<{ id: string }>>(r));
  const person = ['--field', '姓名=沈建华', '--field', '证件号码=310115196604277511'];
  const withdrawal = await cli('item', 'new', '--batch', BATCH, '--business', 'TQ-GF', '--date', '2023-05-04', ...person, '--field', '金额=258370');
  await cli('item', 'assign', String(withdrawal.item), '--page', pages[0]!.id, '--material', 'TQSQB');
  await cli('item', 'file', String(withdrawal.item), '--allow-missing', '客户补交');
  const transfer = await cli('item', 'new', '--batch', BATCH, '--business', 'GJ-ZY', '--date', '2025-02-01', ...person);
  await cli('item', 'assign', String(transfer.item), '--page', pages[1]!.id, '--material', 'SFZ');
  await cli('item', 'file', String(transfer.item), '--allow-missing', '客户补交');

  await page.locator('body').press('/');
  await page.keyboard.type('沈建华');
  const dialog = page.getByTestId('search-dialog');
  const status = page.getByTestId('search-status');
  const hits = dialog.getByTestId('search-hit');
  // The dossier, both items, and the withdrawal page (the ID card is someone else's text): all in the one dossier.
  await expect(status).toHaveText('4 条结果');
  await expect(dialog.getByTestId('search-group')).toHaveCount(1);
  await expect(dialog.getByTestId('search-group')).toHaveAttribute('data-by', 'dossier');
  await expect(hits.first()).toHaveAttribute('data-kind', 'dossier');

  // Alt+Y goes to the business type; picking 转移 leaves what concerns that business.
  await page.keyboard.press('Alt+y');
  const business = dialog.getByTestId('search-filter-business');
  await expect(business).toBeFocused();
  await business.selectOption('GJ-ZY');
  await expect(status).toHaveText('2 条结果');
  await expect(dialog.locator('[data-testid="search-hit"][data-kind="item"]')).toHaveAttribute('data-id', String(transfer.item));
  await expect(dialog.locator('[data-testid="search-hit"][data-kind="page"]')).toHaveCount(0);

  // The other business: its item and its page; then only items of it (Alt+K, kind 件).
  await business.selectOption('TQ-GF');
  await expect(status).toHaveText('3 条结果');
  await expect(dialog.locator('[data-testid="search-hit"][data-kind="page"]')).toHaveCount(1);
  await page.keyboard.press('Alt+k');
  const kind = dialog.getByTestId('search-filter-kind');
  await expect(kind).toBeFocused();
  await kind.selectOption('item');
  await expect(status).toHaveText('1 条结果');
  await expect(hits).toHaveAttribute('data-id', String(withdrawal.item));

  // Back to every business: the arrows walk the hits again from the box, Enter shows the item
  // alone, Enter again opens its page.
  await business.selectOption('');
  await expect(status).toHaveText('2 条结果');
  await page.getByTestId('search-input').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(dialog.getByTestId('item-view')).toBeVisible();
  await dialog.getByTestId('item-view-page').first().press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('page-viewer')).toBeVisible();
});
