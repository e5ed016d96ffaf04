import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { deskForEachTest } from '../helpers/serve-desk';
import { keyWithdrawalItem } from './counter-steps';

const SIZE = { width: 620, height: 877, dpi: 75 };
const desk = deskForEachTest('page-editing.png');

async function newBatch(page: Page, name: string) {
  await page.keyboard.press('n');
  await page.getByTestId('new-batch-name').fill(name);
  await page.keyboard.press('Enter');
  await expect(page.getByText(name).first()).toBeVisible();
}

test('a clerk merges, splits, reorders, rotates, deletes and restores pages by keyboard', async ({ page }) => {
  const files: string[] = [];
  for (const seed of [31, 32, 33, 34]) {
    const file = path.join(desk.root, `第${seed}页.jpg`);
    await writeFile(file, await syntheticJpeg(seed, SIZE));
    files.push(file);
  }
  await page.goto(desk.url);
  await newBatch(page, '柜台 页面编辑');
  await page.getByTestId('import-input').setInputFiles(files);
  const thumbs = page.getByTestId('page-thumb');
  await expect(thumbs).toHaveCount(4);
  const ids = await thumbs.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-page-id')!));
  const documents = () => thumbs.evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-document'))));
  const order = () => thumbs.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-page-id')));
  // Every imported file is a document of its own.
  await expect.poll(documents).toEqual([1, 2, 3, 4]);

  // G merges the selected page's document into the one before; at the first it says why not.
  await thumbs.first().click();
  await page.keyboard.press('g');
  await expect(page.getByTestId('notice')).toContainText('第一份文件');
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('g');
  }
  await expect.poll(documents).toEqual([1, 1, 1, 1]);

  // E splits before the selected page: pages 3 and 4 become document 2.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('e');
  await expect.poll(documents).toEqual([1, 1, 2, 2]);
  await expect(thumbs.nth(2)).toHaveClass(/is-document-start/);

  // Alt+← moves the selected page one place earlier within its document.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(order).toEqual([ids[1], ids[0], ids[2], ids[3]]);
  await expect(thumbs.first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(page.getByTestId('notice')).toContainText('第一页');

  // ] turns the page a quarter clockwise: a new image, the original kept (the core records the step).
  const image = await thumbs.first().getAttribute('data-image');
  await page.keyboard.press(']');
  await expect(thumbs.first()).not.toHaveAttribute('data-image', image!);

  // D puts the selected page in the trash with a reason (2 = scanned twice); T opens the trash.
  await page.keyboard.press('End');
  await page.keyboard.press('d');
  await expect(page.getByTestId('trash-page-dialog')).toBeVisible();
  await page.keyboard.press('2');
  await expect(page.getByTestId('trash-page-dialog')).toBeHidden();
  await expect(thumbs).toHaveCount(3);
  await expect.poll(order).toEqual([ids[1], ids[0], ids[2]]);

  await page.keyboard.press('t');
  const trash = page.getByTestId('trash-dialog');
  await expect(trash.getByTestId('trash-line')).toHaveCount(1);
  await expect(trash.getByTestId('trash-line')).toContainText('重复扫描');
  await page.keyboard.press('Enter');
  await expect(trash).toContainText('回收站是空的');
  await page.keyboard.press('Escape');
  await expect(trash).toBeHidden();
  await expect(thumbs).toHaveCount(4);
  await expect.poll(order).toEqual([ids[1], ids[0], ids[2], ids[3]]);
  await expect.poll(documents).toEqual([1, 1, 2, 2]);

  // M moves the selected page into another document; dragging a thumbnail onto another of its document reorders.
  await page.keyboard.press('Home');
  await page.keyboard.press('m');
  const move = page.getByTestId('move-page-dialog');
  await expect(move.getByTestId('move-target')).toHaveCount(1);
  await page.keyboard.press('1');
  await expect(move).toBeHidden();
  await expect.poll(documents).toEqual([1, 2, 1, 1]);
  await thumbs.nth(3).dragTo(thumbs.nth(0));
  await expect.poll(order).toEqual([ids[3], ids[0], ids[1], ids[2]]);

  // The keys are in the help overlay.
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toContainText('在选中页处拆分文件');
  await expect(page.getByTestId('help-overlay')).toContainText('F9');
});

test('an administrator adds a checklist version, and it is the checklist in force for business after its date', async ({ page }) => {
  await page.goto(desk.url);
  await expect(page.getByText('公积金档案工作站').first()).toBeVisible();

  // A clerk has started a 提取 dated 2025-07-01: today's scheme checks it against 2024版.
  await newBatch(page, '柜台 新清单');
  const startBusiness = async (date: string) => {
    await page.keyboard.press('b');
    await keyWithdrawalItem(page, { date, name: '王五', amount: '5000' });
  };
  const checklist = page.getByTestId('checklist');
  await startBusiness('2025-07-01');
  await expect(checklist).toContainText('2024版');
  await expect(checklist.locator('[data-material="HKB"]')).toHaveCount(0);

  await page.keyboard.press('F9');
  const admin = page.getByTestId('scheme-admin');
  await expect(admin).toContainText('现行 v1');
  await page.getByTestId('scheme-business-filter').pressSequentially('TQ-GF');
  const business = admin.getByTestId('scheme-business');
  await expect(business).toHaveAttribute('data-business', 'TQ-GF');
  await expect(business.locator('[data-version="2024版"][aria-pressed="true"]')).toBeVisible();
  // A version in force is read-only.
  await expect(admin.getByTestId('add-material')).toHaveCount(0);

  // An impossible date is refused with the reason.
  await page.getByTestId('new-version-name').fill('2025版');
  await page.getByTestId('new-version-name-en').fill('2025 edition');
  await page.getByTestId('new-version-date').fill('2025-02-30');
  await page.getByTestId('new-version-date').press('Enter');
  await expect(page.getByTestId('scheme-error')).toContainText('施行日期“2025-02-30”无效');

  await page.getByTestId('new-version-date').fill('2025-06-01');
  await page.getByTestId('new-version-basis').fill('示例〔2025〕3号');
  await page.getByTestId('new-version-basis').press('Enter');
  await expect(business.locator('[data-testid="checklist-entries"]')).toHaveAttribute('data-version', '2025版');
  await page.getByTestId('add-material-select').selectOption('HKB');
  await page.getByTestId('add-material').click();
  await expect(business.locator('[data-testid="checklist-entry"][data-material="HKB"]')).toHaveAttribute('data-rule', 'required');
  await expect(page.getByTestId('scheme-pending')).toContainText('待保存的修改（2）');

  // Saving needs a reason; with one it becomes scheme version 2, with who, when and why.
  await page.getByTestId('scheme-reason').focus();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('scheme-note')).toContainText('请填写修改原因');
  await page.getByTestId('scheme-reason').fill('2025年起购房提取需提供户口簿');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('scheme-note')).toContainText('已保存为 v2');
  await expect(admin).toContainText('现行 v2');
  await page.keyboard.press('Alt+4');
  await expect(admin.locator('[data-testid="scheme-version-line"][data-version="2"]')).toContainText('2025年起购房提取需提供户口簿');
  await page.keyboard.press('Escape');
  await expect(admin).toBeHidden();

  // Business dated after 2025-06-01 is now checked against 2025版; business before it against 2024版.
  await expect(checklist).toContainText('2025版');
  await expect(checklist.locator('[data-material="HKB"]')).toHaveAttribute('data-state', 'missing');
  await startBusiness('2025-01-15');
  await expect(checklist).toContainText('2024版');
  await expect(checklist.locator('[data-material="HKB"]')).toHaveCount(0);
});
