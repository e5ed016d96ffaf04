import { expect, type Page } from '@playwright/test';

export interface WithdrawalForm {
  readonly name?: string;
  readonly date?: string;
  readonly amount?: string;
  /** How the clerk sends the form: Enter in the amount box (default), or Enter on the marriage list. */
  readonly submitFrom?: 'amount' | 'select';
}

/**
 * With the business picker open (B): choose 提取·购买自住住房 by typing, key the form of an
 * unmarried applicant and send it with Enter, as a clerk does; the form closes on success.
 */
export async function keyWithdrawalItem(page: Page, options: WithdrawalForm = {}): Promise<void> {
  await page.getByTestId('business-filter').pressSequentially('提取 购买');
  await expect(page.getByTestId('business-option').first()).toContainText('购买自住住房');
  await page.keyboard.press('Enter');
  const form = page.getByTestId('item-form');
  if (options.date) await form.getByTestId('field-办理日期').fill(options.date);
  await form.getByTestId('field-姓名').fill(options.name ?? '王丽');
  await form.getByTestId('field-证件号码').fill('110101199003074573');
  await form.getByTestId('field-金额').fill(options.amount ?? '12300');
  const marriage = form.getByTestId('field-婚姻状况');
  await marriage.selectOption('未婚');
  await (options.submitFrom === 'select' ? marriage : form.getByTestId('field-金额')).press('Enter');
  await expect(form).toBeHidden();
}
