import { createTranslate } from '../i18n/translate';
import { currentBatch, type DeskState, type DeskStore } from './desk-store';

/**
 * A closed batch passed 四性检测 and is queued for transfer: what was checked is what leaves the
 * station, so nothing is added to it and none of its pages change. The keys and buttons that
 * would do so say this instead of failing in the core with a message about internals.
 */
export const isClosedBatch = (state: Pick<DeskState, 'batches' | 'currentBatchId'>): boolean => currentBatch(state)?.state === 'closed';

/** When the open batch is closed, tell the clerk why the key does nothing and return true. */
export function refuseOnClosedBatch(store: DeskStore): boolean {
  const state = store.getState();
  if (!isClosedBatch(state)) return false;
  store.setState({ notice: { code: 'conflict', message: createTranslate(state.language)('closedBatch.readOnly') } });
  return true;
}
