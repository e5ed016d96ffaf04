import { chromium, expect, test, type Browser } from '@playwright/test';
import path from 'node:path';
import { writeSheetOnDesk } from './fake-camera';
import { callAsPage, createBatch, deskForEachTest } from '../helpers/serve-desk';

const BASE_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
let browser: Browser | undefined;

test.afterEach(async () => {
  await browser?.close();
  browser = undefined;
});
const desk = deskForEachTest();

/** Chromium with the fake camera playing `video`; `allow` answers the permission prompt with yes. */
async function launch(video: string, allow: boolean) {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [...BASE_ARGS, '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`, ...(allow ? ['--use-fake-ui-for-media-stream'] : [])],
  });
  const page = await (await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } })).newPage();
  await page.goto(desk.url);
  await createBatch(page, '高拍仪 001');
  return page;
}

test('a clerk shoots a sheet with the document camera: full resolution, sheet outlined, cropped page in the batch', async () => {
  const video = path.join(desk.root, 'sheet-on-desk.y4m');
  await writeSheetOnDesk(video);
  const page = await launch(video, true);

  await page.keyboard.press('c');
  const panel = page.getByTestId('camera-panel');
  await expect(panel.getByTestId('camera-resolution')).toContainText(/1,?280 × 960/);
  await expect(panel.getByTestId('camera-sheet')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(panel.getByTestId('camera-count')).toHaveText('已拍摄 1 页');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await expect(page.getByTestId('page-thumb')).toHaveCount(1);
  const batches = (await callAsPage(page, 'batches.list', {})).value as Array<{ id: string }>;
  const pages = (await callAsPage(page, 'pages.list', { batchId: batches[0]!.id })).value as Array<{ width: number; height: number }>;
  // Cropped from the 1280×960 frame to the upright sheet on it.
  expect(pages[0]!.height).toBeGreaterThan(pages[0]!.width);
  expect(pages[0]!.width).toBeLessThan(700);
});

test('a refused camera permission is said plainly and nothing is stored', async () => {
  const video = path.join(desk.root, 'sheet-on-desk.y4m');
  await writeSheetOnDesk(video, 640, 480);
  const page = await launch(video, false);
  await page.keyboard.press('c');
  const problem = page.getByTestId('camera-problem');
  await expect(problem).toHaveAttribute('data-problem', 'denied');
  await expect(problem).toContainText('摄像头权限被拒绝');
  await expect(page.getByTestId('camera-capture')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('page-thumb')).toHaveCount(0);
});
