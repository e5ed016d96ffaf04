import { expect, test } from '@playwright/test';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('item-form-checks.png');

test('the item form says on the field that an ID number’s check character is wrong, drops it once fixed, and proposes 金额大写 from 金额', async ({ page }) => {
  await page.goto(desk.url);
  await createBatch(page, '柜台 提取 校验');
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await expect(page.getByTestId('business-option').first()).toContainText('购买自住住房');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('item-form');
  const row = (key: string) => form.locator('label.field', { has: page.getByTestId(`field-${key}`) });

  await form.getByTestId('field-姓名').fill('王丽');
  // A half-typed number is not yet wrong: nothing is said while the clerk types.
  await form.getByTestId('field-证件号码').fill('11010519491231002');
  await expect(row('证件号码').getByRole('alert')).toHaveCount(0);
  await form.getByTestId('field-证件号码').fill('110105194912310021');
  await form.getByTestId('field-证件号码').press('Tab');
  await expect(row('证件号码').getByRole('alert')).toHaveText(/校验位不符（应为 X）/);
  await expect(form.getByTestId('field-证件号码')).toHaveAttribute('aria-invalid', 'true');
  await form.getByTestId('field-证件号码').fill('11010519491231002X');
  await expect(row('证件号码').getByRole('alert')).toHaveCount(0);

  await form.getByTestId('field-金额').fill('12,300.50');
  await expect(form.getByTestId('from-amount-金额大写')).toContainText('壹万贰仟叁佰元伍角整');
  await page.keyboard.press('F2');
  await expect(form.getByTestId('field-金额大写')).toHaveValue('壹万贰仟叁佰元伍角整');
  await expect(form.getByTestId('from-amount-金额大写')).toHaveCount(0);

  // The core agrees: capitals and figures match, so the item is made.
  await form.getByTestId('field-金额').press('Enter');
  await expect(form).toBeHidden();
});
