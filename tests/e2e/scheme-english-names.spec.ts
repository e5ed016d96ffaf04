import { expect, test } from '@playwright/test';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

test.use({ viewport: { width: 1366, height: 768 } });
const desk = deskForEachTest('scheme-english-names.png');

test('the administrator names a checklist version and a metadata element in English beside the Chinese, and the English counter shows them', async ({ page }) => {
  await page.goto(desk.url);
  await createBatch(page, '柜台 英文名称');

  await page.keyboard.press('F9');
  const admin = page.getByTestId('scheme-admin');
  await expect(admin).toContainText('现行 v1');
  await page.getByTestId('scheme-business-filter').pressSequentially('TQ-GF');
  const business = admin.getByTestId('scheme-business');
  await expect(business.locator('[data-version="2024版"][aria-pressed="true"]')).toContainText('2024 edition');

  // A version in force keeps its Chinese name (it is on record); its English name may change.
  const names = admin.getByTestId('checklist-version-names');
  await expect(names.getByTestId('checklist-version-name')).toHaveValue('2024版');
  await expect(names.getByTestId('checklist-version-name')).not.toBeEditable();
  await expect(names).toContainText('中文名称已记入档案，不能改');
  await names.getByTestId('checklist-version-name-en').fill('Rules of 2024');
  await names.getByTestId('checklist-version-name-en').press('Tab');
  await expect(page.getByTestId('scheme-pending')).toContainText('清单 2024版 名称改为“2024版”，英文名称“Rules of 2024”');

  // Metadata elements: the Chinese name shown as the key, the English name edited.
  await page.keyboard.press('Alt+5');
  const fields = admin.getByTestId('scheme-fields');
  await expect(fields.locator('tr[data-field="婚姻状况"] th')).toHaveText('婚姻状况');
  const marital = fields.getByTestId('field-name-en-婚姻状况');
  await expect(marital).toHaveValue('Marital status');
  await marital.fill('Civil status');
  await marital.press('Tab');
  await expect(page.getByTestId('scheme-pending')).toContainText('元数据项 婚姻状况：英文名称改为“Civil status”');

  await page.getByTestId('scheme-reason').fill('英文界面用词');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('scheme-note')).toContainText('已保存为 v2');
  await page.keyboard.press('Escape');
  await expect(admin).toBeHidden();

  // The English counter names the checklist version and the element by their new English names.
  await page.getByTestId('language-switch').click();
  await page.keyboard.press('b');
  await page.getByTestId('business-filter').pressSequentially('purchase own');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('item-form');
  await expect(form).toContainText('Civil status');
  await expect(form).not.toContainText('Marital status');
  await form.getByTestId('field-姓名').fill('Wang Li');
  await form.getByTestId('field-证件号码').fill('110101199003074573');
  await form.getByTestId('field-婚姻状况').selectOption('未婚');
  await form.getByTestId('field-金额').fill('12300');
  await form.getByTestId('field-金额').press('Enter');
  await expect(form).toBeHidden();
  const checklist = page.getByTestId('checklist');
  await expect(checklist.locator('h3')).toContainText('Checklist Rules of 2024');
  await expect(checklist.locator('h3')).not.toContainText('版');
});
