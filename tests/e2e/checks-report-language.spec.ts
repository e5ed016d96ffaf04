import { expect, test, type Locator, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { AS_ADMIN, deskForEachTest } from '../helpers/serve-desk';

const desk = deskForEachTest('checks-report-language.png');

/** The CLI beside the running app, on the same store. */
function cli(...args: string[]): void {
  const r = spawnSync(process.execPath, ['bin/hpf-desk.mjs', ...args, '--data', desk.dataDir, '--json'], { encoding: 'utf8', env: { ...process.env, ...AS_ADMIN } });
  expect(r.status, `hpf-desk ${args.join(' ')}\n${r.stdout}\n${r.stderr}`).toBe(0);
}

async function openReport(page: Page, batch: string): Promise<Locator> {
  await page.keyboard.press('y');
  const panel = page.getByTestId('sync-panel');
  await panel.getByTestId('sync-row').filter({ hasText: batch }).getByTestId('sync-report').click();
  const report = panel.getByTestId('checks-report');
  await expect(report.getByTestId('check-row')).toHaveCount(12);
  return report;
}

/** Words that stand as they are in a Chinese line: formats and hash names. */
const NEUTRAL = /SHA-256|SM3|JPEG|PNG|TIFF|PDF|JSON|XML/g;

test('the 四性检测 report speaks the clerk’s language only, and follows a switch to English and back', async ({ page }) => {
  const scan = path.join(desk.root, '申请表.jpg');
  await writeFile(scan, await syntheticJpeg(41, { width: 827, height: 1169, dpi: 100 }));
  cli('import', scan, '--batch', '存量 第9盒');
  cli('batch', 'close', '存量 第9盒', '--loose-reason', '整盒按原样移交');
  await page.goto(desk.url);
  await expect(page.getByTestId('batch-item').filter({ hasText: '存量 第9盒' })).toBeVisible();

  let report = await openReport(page, '存量 第9盒');
  const chinese = await report.getByTestId('check-row').allInnerTexts();
  for (const line of chinese) {
    expect(line).toMatch(/[\u4e00-\u9fff]/);
    // The operator's and station's names aside, no English beside the Chinese (it once read "中文 / English").
    expect(line.replace(/操作人 .*$/s, '').replace(NEUTRAL, ''), line).not.toMatch(/[A-Za-z]{3,}| \/ /);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sync-panel')).toBeHidden();

  await page.getByTestId('language-switch').click();
  report = await openReport(page, '存量 第9盒');
  await expect(report).toContainText('Four-checks report');
  const english = await report.getByTestId('check-row').allInnerTexts();
  for (const line of english) {
    // The process-log line names the operator and station as they are; the rest is English alone.
    expect(line.replace(/operator .*$/s, ''), line).not.toMatch(/[\u4e00-\u9fff]/);
  }
  await expect(report.locator('[data-check="integrity.sequence"]')).toContainText('page numbers run from 1 without gaps');
  await page.keyboard.press('Escape');

  await page.getByTestId('language-switch').click();
  report = await openReport(page, '存量 第9盒');
  await expect(report.locator('[data-check="integrity.sequence"]')).toContainText('页序号从 1 起连续');
  await expect(report.locator('[data-check="integrity.sequence"]')).not.toContainText('page numbers');
});
