/** Messages between the core and the barcode worker thread. */
export interface BarcodeRequest {
  readonly id: number;
  /** A page image's bytes (the stored page derivative, decrypted: the worker never sees the store). */
  readonly image: Uint8Array;
}

export interface FoundBarcode {
  readonly format: string;
  readonly text: string;
}

export type BarcodeResponse =
  | { readonly id: number; readonly ok: true; readonly codes: readonly FoundBarcode[] }
  | { readonly id: number; readonly ok: false; readonly error: string };
