import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { syntheticJpeg } from '../../electron/core/bench/synthetic-pages';
import { deskForEachTest, E2E_ADMIN } from '../helpers/serve-desk';

// The store's database file (open-core.ts: DATABASE_FILE; importing the core here would pull in its JSON imports).
const DATABASE_FILE = 'desk.sqlite';
const ID = '110101199003074573';
const MASKED = '1101**********4573';
const CLERK = { name: 'clerk-1', password: '135790' };
const desk = deskForEachTest('users-pii.png', {
  signedIn: false,
  env: { HPF_DESK_BACKGROUND_OCR: 'off' },
  // The administrator adds a clerk; one 提取 with an ID number is on file.
  prepare: async (cli, root) => {
    const scan = path.join(root, '身份证.jpg');
    await writeFile(scan, await syntheticJpeg(31, { width: 620, height: 877, dpi: 75 }));
    await cli(['user', 'add', CLERK.name, '--role', 'clerk'], { HPF_DESK_NEW_PASSWORD: CLERK.password });
    await cli(['import', scan, '--batch', '柜台 PII']);
    await cli(['item', 'new', '--batch', '柜台 PII', '--business', 'TQ-ZF', '--date', '2025-02-03', '--field', '姓名=李四', '--field', `证件号码=${ID}`, '--field', '金额=3000']);
  },
});

test('a clerk sees the ID number masked and cannot reveal it; an administrator reveals it and the view is audited', async ({ page }) => {
  const signIn = async (user: { name: string; password: string }) => {
    const dialog = page.getByTestId('sign-in-dialog');
    await expect(dialog).toBeVisible();
    await page.keyboard.type(user.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
  };
  await page.goto(desk.url);
  // Nobody signed in: only the sign-in dialog, which Esc does not close.
  await expect(page.getByTestId('sign-in-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('sign-in-dialog')).toBeVisible();
  await expect(page.getByTestId('filing-panel')).toHaveCount(0);

  await signIn(CLERK);
  await expect(page.getByTestId('session-user')).toContainText('clerk-1 · 窗口柜员');
  const fields = page.getByTestId('item-fields');
  await expect(fields).toContainText(MASKED);
  await expect(fields).not.toContainText(ID);
  await expect(page.getByTestId('reveal-pii')).toHaveCount(0);
  // The core refuses it too, whatever the page asks for.
  const answer = await page.evaluate(async () => {
    const list = await (await fetch('/api/call/batches.list', { method: 'POST', body: '{}' })).json();
    const items = await (await fetch('/api/call/items.list', { method: 'POST', body: JSON.stringify({ batchId: list.value[0].id }) })).json();
    return (await fetch('/api/call/items.get', { method: 'POST', body: JSON.stringify({ id: items.value[0].id, reveal: true }) })).json();
  });
  expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect(JSON.stringify(answer)).not.toContain(ID);

  // U switches user, from the keyboard.
  await page.keyboard.press('u');
  await expect(page.getByTestId('session-current')).toContainText('clerk-1');
  await signIn(E2E_ADMIN);
  await expect(page.getByTestId('session-user')).toContainText('e2e-admin · 管理员');
  await expect(fields).toContainText(MASKED);
  await page.getByTestId('reveal-pii').focus();
  await page.keyboard.press('Enter');
  await expect(fields).toContainText(ID);
  await expect(page.getByTestId('pii-revealed')).toBeVisible();

  const db = new Database(path.join(desk.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const viewed = db.prepare("SELECT actor, data FROM events WHERE kind = 'pii.viewed'").all() as Array<{ actor: string; data: string }>;
    expect(viewed).toHaveLength(1);
    expect(viewed[0]!.actor).toBe(E2E_ADMIN.name);
    expect(JSON.parse(viewed[0]!.data)).toMatchObject({ fields: ['证件号码'] });
    expect(db.prepare("SELECT actor FROM events WHERE kind = 'session.signedIn' ORDER BY id").pluck().all()).toEqual(expect.arrayContaining(['clerk-1', 'e2e-admin']));
  } finally {
    db.close();
  }
});
