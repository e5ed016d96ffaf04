import type { Migration } from '../migration';

/**
 * SM3 fixity (GB/T 32905): every stored object's SM3 digest beside the SHA-256 that names it,
 * recorded at capture as DA/T 97 and the 国密 rules expect, re-checked by verify and 四性检测.
 * Objects stored before this version have none until the same bytes are stored again (their
 * SHA-256 still proves them); NULL means "not recorded", never "any value".
 */
export const migration0010: Migration = {
  version: 10,
  name: 'sm3-fixity',
  up: `
    ALTER TABLE files ADD COLUMN sm3 TEXT CHECK (sm3 IS NULL OR (length(sm3) = 64 AND sm3 NOT GLOB '*[^0-9a-f]*'));
  `,
};
