import { describe, expect, it } from 'vitest';
import { badgeKey, batchProgress, boxStyle, isPending, lineSegments, percent, stateKey } from '../../renderer/src/ocr/ocr-view';
import { zhCN } from '../../renderer/src/i18n/zh-CN';

describe('OCR view logic', () => {
  it('places a word box over the shown image, turned with a skewed page', () => {
    expect(boxStyle([100, 200, 50, 20], 0, 0.5)).toEqual({ left: 50, top: 100, width: 25, height: 10 });
    expect(boxStyle([100, 200, 50, 20], 1.5, 2)).toEqual({ left: 200, top: 400, width: 100, height: 40, transform: 'rotate(1.5deg)' });
  });

  it('counts failed pages as finished in a batch’s progress', () => {
    const batch = { batchId: 'B', name: 'b', kind: 'counter' as const, queued: 2, running: 1, done: 6, failed: 1, total: 10 };
    expect(batchProgress(batch)).toEqual({ done: 7, total: 10, percent: 70 });
    expect(batchProgress({ ...batch, total: 0, done: 0, failed: 0 }).percent).toBe(100);
  });

  it('names every state and badge in the dictionary', () => {
    for (const state of ['none', 'queued', 'running', 'done', 'failed', 'cancelled'] as const) expect(zhCN[stateKey(state)]).toBeTruthy();
    for (const state of ['queued', 'running', 'done', 'failed', 'cancelled'] as const) expect(zhCN[badgeKey(state)]).toBeTruthy();
    expect(isPending('running')).toBe(true);
    expect(isPending('done')).toBe(false);
    expect(percent(0.956)).toBe(96);
  });
});

describe('text panel segments', () => {
  it('keeps the spaces and characters between words', () => {
    const word = (text: string) => ({ text, box: [0, 0, 1, 1] as [number, number, number, number], confidence: 1 });
    const line = { text: 'Application Form：2023', box: [0, 0, 1, 1] as [number, number, number, number], confidence: 1, words: [word('Application'), word('Form'), word('2023')] };
    expect(lineSegments(line)).toEqual([
      { text: 'Application', word: 0 },
      { text: ' ', word: null },
      { text: 'Form', word: 1 },
      { text: '：', word: null },
      { text: '2023', word: 2 },
    ]);
  });
});
