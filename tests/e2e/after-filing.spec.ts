import { expect, test } from '@playwright/test';
import { writeScans } from './backfile-setup';
import { keyWithdrawalItem } from './counter-steps';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('after-filing.png');

test('after filing: the 容缺 list says what is missing, a later page joins as a supplement with a reason, details are corrected as a new version, and search shows the item alone', async ({ page }) => {
  test.setTimeout(180_000);
  const scans = await writeScans(desk.root, ['申请表.jpg', '身份证.jpg', '购房合同.jpg', '银行卡.jpg', '其他批次.jpg']);
  await page.goto(desk.url);
  await createBatch(page, '柜台 补件');
  await page.getByTestId('import-input').setInputFiles(scans.slice(0, 4));
  const thumbs = page.getByTestId('page-thumb');
  await expect(thumbs).toHaveCount(4);
  await thumbs.first().click();
  await page.keyboard.press('b');
  await keyWithdrawalItem(page);

  // Three pages sorted; the bank card is not there yet: filed with a reason (容缺受理).
  await thumbs.first().click();
  for (const key of ['1', '2', '3']) {
    await page.keyboard.press('a');
    await page.keyboard.press(key);
    await expect(page.getByTestId('material-picker')).toBeHidden();
  }
  const checklist = page.getByTestId('checklist');
  await expect(checklist.locator('[data-material="YHK"]')).toHaveAttribute('data-state', 'missing');
  await page.keyboard.press('f');
  await page.getByTestId('file-reason').fill('客户下周补交银行卡');
  await page.keyboard.press('Enter');
  const code = page.getByTestId('archival-code');
  await expect(code).toHaveText(/^J001-GJJ·\d{4}-D30-TQ-0001$/);
  const archivalCode = (await code.textContent())!;

  // R: the item waits for its bank card, with the reason it was accepted; Enter shows it alone.
  await page.keyboard.press('r');
  const pending = page.getByTestId('pending-dialog');
  await expect(pending.getByTestId('pending-item')).toHaveCount(1);
  await expect(pending.getByTestId('pending-item')).toContainText(archivalCode);
  await expect(pending.getByTestId('pending-missing')).toHaveText(/仍缺：.*银行卡/);
  await expect(pending.getByTestId('pending-item')).toContainText('客户下周补交银行卡');
  await page.keyboard.press('Enter');
  await expect(pending.getByTestId('item-view-page')).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(pending).toBeHidden();

  // The customer brings the card: A on the new page asks for the material, then why (补件).
  await thumbs.nth(3).click();
  await page.keyboard.press('a');
  await expect(page.getByTestId('material-picker')).toBeVisible();
  await page.keyboard.press('6');
  const supplement = page.getByTestId('supplement-dialog');
  await expect(supplement).toContainText(archivalCode);
  await page.keyboard.press('Enter');
  await expect(supplement.getByRole('alert')).toContainText('请说明原因');
  await supplement.getByTestId('supplement-reason').fill('客户补交银行卡');
  await page.keyboard.press('Enter');
  await expect(supplement).toBeHidden();
  await expect(checklist.locator('[data-material="YHK"]')).toHaveAttribute('data-state', 'present');
  await expect(page.getByTestId('archival-code')).toHaveText(archivalCode);
  await page.keyboard.press('r');
  await expect(pending.getByTestId('pending-none')).toBeVisible();
  await page.keyboard.press('Escape');

  // A correction of the amount: a reason is required, and it becomes version 2.
  await expect(page.getByTestId('item-version')).toHaveText('第 1 版');
  await page.getByTestId('correct-item').click();
  const correction = page.getByTestId('correction-dialog');
  await correction.getByTestId('correct-金额').fill('13000');
  await correction.getByTestId('correct-金额').press('Enter');
  await expect(correction.getByRole('alert')).toContainText('请说明原因');
  await correction.getByTestId('correction-reason').fill('客户更正提取金额');
  await correction.getByTestId('correction-reason').press('Enter');
  await expect(correction).toBeHidden();
  await expect(page.getByTestId('item-version')).toHaveText('第 2 版');

  // Another batch is open; search finds the item and shows it alone: its four pages, its details.
  await createBatch(page, '柜台 下一位');
  await page.getByTestId('import-input').setInputFiles([scans[4]!]);
  await expect(thumbs).toHaveCount(1);
  await page.keyboard.press('/');
  await page.keyboard.type('王丽');
  const search = page.getByTestId('search-dialog');
  await search.locator('[data-testid="search-hit"][data-kind="item"]').first().click();
  const item = search.getByTestId('item-view');
  await expect(item.getByTestId('item-view-code')).toContainText(archivalCode);
  await expect(item.getByTestId('item-view-fields')).toContainText('第 2 版');
  await expect(item.getByTestId('item-view-fields')).toContainText('13000');
  await expect(item.getByTestId('item-view-page')).toHaveCount(4);
  await expect(item.locator('[data-testid="item-view-document"][data-material="YHK"]')).toHaveCount(1);
  // Its page opens in its own batch's viewer.
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-viewer')).toBeVisible();
  await expect(page.getByTestId('batch-title')).toHaveText('柜台 补件');
});
