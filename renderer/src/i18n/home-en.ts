import type { homeZhCN } from './home-zh-CN';

/** The home screen's words in English; the same keys as the Chinese reference. */
export const homeEn: { readonly [K in keyof typeof homeZhCN]: string } = {
  'home.title': 'Today',
  'home.button': 'Home (H)',
  'home.openBatches': 'Open batches ({count})',
  'home.noOpenBatches': 'No open batch. Press N to start one.',
  'home.filedToday': 'Items filed today',
  'home.pending': 'Awaiting materials ({count})',
  'home.sync': 'Waiting to sync',
  'home.syncWaiting': '{count} batches',
  'home.syncNotSetUp': 'Sync is not set up yet — ask the station head.',
  'home.hint': 'Click a batch to open it; N starts a batch, H comes back here.',
  'home.help': 'Home: the day at a glance',
} as const;
