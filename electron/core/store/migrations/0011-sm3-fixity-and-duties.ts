import type { Migration } from '../migration';

/**
 * Two of issue 15's national requirements (one migration this round; the two statements are
 * independent and may be split):
 * - SM3 fixity (GB/T 32905): every stored object's SM3 digest beside the SHA-256 that names it,
 *   recorded at capture as DA/T 97 and the 国密 rules expect, re-checked by verify and 四性检测.
 *   Objects stored before this version have none until the same bytes are stored again (their
 *   SHA-256 still proves them); NULL means "not recorded", never "any value".
 * - 三员分立: a user's duty as system administrator, security administrator or security
 *   auditor. One row per user at most (no one holds two), never changed or removed (no one moves
 *   from auditing to administering); the duty stands in for the user's role.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'sm3-fixity-and-duties',
  up: `
    ALTER TABLE files ADD COLUMN sm3 TEXT CHECK (sm3 IS NULL OR (length(sm3) = 64 AND sm3 NOT GLOB '*[^0-9a-f]*'));

    CREATE TABLE user_duties (
      user_id TEXT PRIMARY KEY REFERENCES users(id),
      duty TEXT NOT NULL CHECK (duty IN ('sysadmin', 'secadmin', 'auditor')),
      actor TEXT NOT NULL,
      at TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER user_duties_no_update BEFORE UPDATE ON user_duties
      BEGIN SELECT RAISE(ABORT, 'a duty is never changed'); END;
    CREATE TRIGGER user_duties_no_delete BEFORE DELETE ON user_duties
      BEGIN SELECT RAISE(ABORT, 'a duty is never removed'); END;
  `,
};
