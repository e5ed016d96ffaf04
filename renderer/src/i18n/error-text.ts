import type { ImportErrorCode } from '../../../shared/contract';
import type { CallErrorCode } from '../api/call-error';
import type { ClientFailureCode } from '../api/desk-client';
import type { Translate } from './translate';

export type FileErrorCode = ImportErrorCode | ClientFailureCode;

/** Plain-language reason for a file that was not imported. */
export function fileErrorText(t: Translate, code: FileErrorCode): string {
  return t(`importError.${code}`);
}

/** Plain-language text for a failed call; the server's message is shown beside it as detail. */
export function callErrorText(t: Translate, code: CallErrorCode): string {
  return t(`apiError.${code}`);
}
