import type { thumbZhCN } from './thumb-zh-CN';

/** The thumbnails' state badges in English; the same keys as the Chinese reference. */
export const thumbEn: { readonly [K in keyof typeof thumbZhCN]: string } = {
  'thumb.loose': 'Unsorted',
  'thumb.looseHint': 'This page is in no item yet: select it and press A to give its material',
  'thumb.noMaterial': 'No material',
  'thumb.materialHint': 'Material: {name}',
  'thumb.item': 'Item {n}',
  'thumb.itemHint': 'Item {n} served in this batch',
  'thumb.draft': 'Not filed',
  'thumb.draftHint': 'This item is not filed yet; its pages can still be edited',
  'thumb.filed': 'Filed no. {number}',
  'thumb.filedHint': 'Filed as {code} (item no. {number}); its pages can no longer be edited',
  'pageEdit.filed': 'Page {seq} is filed ({code}): it can no longer be split, merged, moved, turned or deleted. Add missing pages as a supplement (A); correct wrong details instead',
  'pageEdit.filedTarget': 'The document before is filed ({code}): no pages can join it. Add them as a supplement (A)',
} as const;
