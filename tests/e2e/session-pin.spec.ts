import { expect, test } from '@playwright/test';
import { deskForEachTest, E2E_ADMIN } from '../helpers/serve-desk';

test.describe('a new station', () => {
  const desk = deskForEachTest('first-admin.png', { withoutUsers: true });

  test('asks the first administrator for the PIN twice, and a slip is caught before anything is created', async ({ page }) => {
    await page.goto(desk.url);
    const dialog = page.getByTestId('sign-in-dialog');
    await expect(dialog.getByTestId('session-first-admin')).toBeVisible();
    // The rules are said in words before anything is typed, not as a command line to run.
    await expect(dialog.getByTestId('session-first-admin')).toContainText('PIN 或密码至少 6 位，请输入两次');
    await expect(dialog).not.toContainText('hpf-desk');
    await dialog.getByTestId('sign-in-name').fill('站长');
    await dialog.getByTestId('sign-in-password').fill('246810');
    await dialog.getByTestId('sign-in-password-again').fill('246801');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('sign-in-error')).toHaveText('两次输入的 PIN 不一致，请重新输入');
    await expect(dialog.getByTestId('session-first-admin')).toBeVisible();
    await dialog.getByTestId('sign-in-password-again').fill('246810');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('session-user')).toContainText('站长');
  });
});

test.describe('a signed-in user', () => {
  const desk = deskForEachTest('change-pin.png');

  test('changes their own PIN: the current one first, the new one twice; then only the new one signs in', async ({ page }) => {
    await page.goto(desk.url);
    await expect(page.getByTestId('session-user')).toContainText(E2E_ADMIN.name);
    await page.keyboard.press('u');
    await page.getByTestId('change-pin').click();
    const dialog = page.getByTestId('change-pin-dialog');
    await dialog.getByTestId('pin-current').fill('000000');
    await dialog.getByTestId('pin-next').fill('13572468');
    await dialog.getByTestId('pin-again').fill('13572468');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('pin-error')).toHaveText('当前 PIN 不对');
    await dialog.getByTestId('pin-current').fill(E2E_ADMIN.password);
    await dialog.getByTestId('pin-again').fill('13572469');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('pin-error')).toHaveText('两次输入的 PIN 不一致，请重新输入');
    await dialog.getByTestId('pin-again').fill('13572468');
    await page.keyboard.press('Enter');
    await expect(dialog.getByTestId('pin-changed')).toBeVisible();
    await page.keyboard.press('Escape');

    // Sign out; the old PIN no longer opens the desk, the new one does.
    await page.keyboard.press('u');
    await page.getByTestId('sign-out').click();
    const signIn = page.getByTestId('sign-in-dialog');
    await signIn.getByTestId('sign-in-name').fill(E2E_ADMIN.name);
    await signIn.getByTestId('sign-in-password').fill(E2E_ADMIN.password);
    await page.keyboard.press('Enter');
    // In the clerk's language alone: the core's English half is not shown beside it.
    await expect(signIn.getByTestId('sign-in-error')).toContainText('用户名或密码错误');
    await expect(signIn.getByTestId('sign-in-error')).not.toContainText('wrong user name');
    await signIn.getByTestId('sign-in-password').fill('13572468');
    await page.keyboard.press('Enter');
    await expect(signIn).toBeHidden();
    await expect(page.getByTestId('session-user')).toContainText(E2E_ADMIN.name);
  });
});
