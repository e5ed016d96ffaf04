import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { writeScans } from './backfile-setup';
import { keyWithdrawalItem } from './counter-steps';
import { createBatch, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('home-print.png');

/** Follow the print link as the browser would, and read the PDF's text with poppler. */
async function printedText(page: Page, name: string): Promise<string> {
  const href = await page.getByTestId('item-print-pdf').getAttribute('href');
  const pdf = await page.request.get(new URL(href!, page.url()).toString());
  expect(pdf.headers()['content-type']).toContain('pdf');
  const file = path.join(desk.root, name);
  await writeFile(file, await pdf.body());
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

test('the home screen shows the day (open batches, filed today, 容缺, sync); the clerk prints the receipt and the cover with its 卷内目录', async ({ page }) => {
  test.setTimeout(150_000);
  const scans = await writeScans(desk.root, ['申请表.jpg', '身份证.jpg']);
  await page.goto(desk.url);
  // A new station: nothing open yet, sync not set up — in words a clerk can act on.
  const home = page.getByTestId('home-screen');
  await expect(home.getByTestId('home-open-batches')).toContainText('未关闭的批次（0）');
  await expect(home.getByTestId('home-sync')).toContainText('尚未设置同步，请联系站长');
  await expect(home.getByTestId('home-filed-today')).toContainText('0');

  await createBatch(page, '柜台 回执 王丽');
  await page.getByTestId('import-input').setInputFiles(scans);
  const thumbs = page.getByTestId('page-thumb');
  await expect(thumbs).toHaveCount(2);
  await thumbs.first().click();
  await page.keyboard.press('b');
  await keyWithdrawalItem(page);
  await thumbs.first().click();
  for (const key of ['1', '2']) {
    await page.keyboard.press('a');
    await page.keyboard.press(key);
    await expect(page.getByTestId('material-picker')).toBeHidden();
  }
  await page.keyboard.press('f');
  await page.getByTestId('file-reason').fill('客户明天补交');
  await page.keyboard.press('Enter');
  const code = (await page.getByTestId('archival-code').textContent())!;
  expect(code).toMatch(/^J001-GJJ·\d{4}-D30-TQ-0001$/);

  await page.getByTestId('print-receipt').click();
  await expect(page.getByTestId('item-print-pdf')).toHaveAttribute('data-paper', 'receipt');
  const receipt = await printedText(page, 'receipt.pdf');
  expect(receipt).toContain('住房公积金业务受理回执');
  expect(receipt).toContain(`档号：${code}`);
  expect(receipt).toMatch(/已收材料：\s+1\. 提取申请表\s+1\s*页\s+2\. 身份证\s+1\s*页/);
  expect(receipt).toMatch(/尚缺材料（请补交）：\s+1\. /);
  expect(receipt).toContain('容缺受理：客户明天补交');
  expect(receipt).not.toContain('110101199003074573');

  await page.getByTestId('print-cover').click();
  await expect(page.getByTestId('item-print-pdf')).toHaveAttribute('data-paper', 'cover');
  const cover = await printedText(page, 'cover.pdf');
  expect(cover).toContain(`档号：${code}`);
  expect(cover).toMatch(/卷内目录\s+序号\s+文件题名\s+页号\s+页数\s+1\s+提取申请表\s+1\s+1\s+2\s+身份证\s+2\s+1/);

  // H: back home, where the day shows what was done and what waits.
  await page.keyboard.press('h');
  await expect(home.getByTestId('home-open-batches')).toContainText('未关闭的批次（1）');
  await expect(home.getByTestId('home-open-batches')).toContainText('柜台 回执 王丽');
  await expect(home.getByTestId('home-filed-today')).toContainText('1');
  await expect(home.getByTestId('home-pending')).toContainText('容缺待补件（1）');
  await expect(home.getByTestId('home-pending')).toContainText(code);
  await home.getByRole('button', { name: '柜台 回执 王丽' }).click();
  await expect(page.getByTestId('batch-title')).toHaveText('柜台 回执 王丽');
});
