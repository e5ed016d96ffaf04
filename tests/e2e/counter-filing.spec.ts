import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const SIZE = { width: 620, height: 877, dpi: 75 };
const desk = deskForEachTest('counter-filing.png');

test('a clerk files one 提取 at the counter: business → import → materials → missing one → add it → file → 档号', async ({ page }) => {
  const scan = async (name: string, seed: number) => {
    const file = path.join(desk.root, name);
    await writeFile(file, await syntheticJpeg(seed, SIZE));
    return file;
  };
  const first = [await scan('提取申请表.jpg', 21), await scan('身份证.jpg', 22), await scan('购房合同.jpg', 23), await scan('银行卡.jpg', 24)];
  const marriage = await scan('结婚证.jpg', 25);

  await page.goto(desk.url);
  await expect(page.getByText('公积金档案工作站').first()).toBeVisible();
  await createBatch(page, '柜台 提取 张三');

  // Pick the business with a few keystrokes.
  const panel = page.getByTestId('filing-panel');
  await expect(panel).toContainText('尚未办理业务');
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await expect(page.getByTestId('business-option').first()).toContainText('购买自住住房');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('item-form');
  await form.getByTestId('field-姓名').fill('张三');
  await form.getByTestId('field-证件号码').fill('110101199003074573');
  await form.getByTestId('field-婚姻状况').selectOption('已婚');
  await form.getByTestId('field-使用配偶账户').selectOption('是');
  await form.getByTestId('field-金额').fill('12300');
  await form.getByTestId('field-金额').press('Enter');
  await expect(form).toBeHidden();

  // The checklist in force is on screen before anything is scanned.
  const checklist = page.getByTestId('checklist');
  await expect(checklist).toContainText('2024版');
  await expect(checklist.locator('[data-material="TQSQB"]')).toHaveAttribute('data-state', 'missing');
  await expect(checklist.locator('[data-material="JHZ"]')).toHaveAttribute('data-state', 'missing');

  await page.getByTestId('import-input').setInputFiles(first);
  await expect(page.getByTestId('page-thumb')).toHaveCount(4);

  // One key per page: A, then the material's number; the selection moves on by itself.
  await page.getByTestId('page-thumb').first().click();
  for (const key of ['1', '2', '3', '6']) {
    await page.keyboard.press('a');
    await expect(page.getByTestId('material-picker')).toBeVisible();
    await page.keyboard.press(key);
    await expect(page.getByTestId('material-picker')).toBeHidden();
  }
  await expect(checklist.locator('[data-material="YHK"]')).toHaveAttribute('data-state', 'present');
  await expect(checklist.locator('[data-material="SFZ"]')).toHaveAttribute('data-state', 'present');

  // The missing one is shown before the customer leaves.
  await expect(page.getByTestId('missing')).toContainText('缺少：结婚证');

  await page.getByTestId('import-input').setInputFiles([marriage]);
  await expect(page.getByTestId('page-thumb')).toHaveCount(5);
  await page.getByTestId('page-thumb').nth(4).click();
  await page.keyboard.press('a');
  await page.keyboard.press('5');
  await expect(checklist.locator('[data-material="JHZ"]')).toHaveAttribute('data-state', 'present');
  await expect(page.getByTestId('missing')).toContainText('材料齐全');

  await page.keyboard.press('f');
  await expect(page.getByTestId('file-dialog')).toContainText('材料齐全');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('archival-code')).toHaveText(/^J001-GJJ·\d{4}-D30-TQ-0001$/);
});
