import { expect, test } from '@playwright/test';
import { deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('ocr-profile-engine.png');

test('a scan profile keeps the OCR engine chosen for it; a new profile starts on the station default', async ({ page }) => {
  await page.goto(desk.url);
  await page.keyboard.press('p');
  const form = page.getByTestId('profile-form');
  const engine = form.getByTestId('profile-ocr-engine');
  await expect(engine).toHaveValue('');
  await expect(engine.locator('option:checked')).toHaveText('工作站默认引擎');

  await form.getByTestId('profile-name').fill('轻量 Tesseract');
  await form.getByTestId('profile-device').fill('sane:test');
  await engine.selectOption('tesseract');
  await form.getByTestId('profile-save').click();
  // Saved once the profile has its tab (the save is a call to the core; Esc before it ends would race it).
  const tab = form.locator('.profile-tabs button', { hasText: '轻量 Tesseract' });
  await expect(tab).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();

  // Read back from the core when the dialog opens again.
  await page.keyboard.press('p');
  await tab.click();
  await expect(form.getByTestId('profile-name')).toHaveValue('轻量 Tesseract');
  await expect(engine).toHaveValue('tesseract');
  await form.getByTestId('profile-new').click();
  await expect(engine).toHaveValue('');
});
