import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, ROLES, ROLE_PERMISSIONS } from '../../shared/auth/permissions';
import { maskValue } from '../../shared/filing/mask-pii';

describe('permission table', () => {
  it('gives each role what its work needs: clerks see personal data masked, the administrator may do everything', () => {
    expect(permissionsOf('clerk')).toEqual([]);
    expect(can('clerk', 'pii.reveal')).toBe(false);
    expect(can('archivist', 'pii.reveal')).toBe(true);
    expect(can('archivist', 'catalogue.import')).toBe(true);
    expect(can('archivist', 'qc.decide')).toBe(false);
    expect(can('qc', 'qc.decide')).toBe(true);
    expect(can('qc', 'scheme.edit')).toBe(false);
    for (const p of PERMISSIONS) expect(can('admin', p), p).toBe(true);
    // Only the administrator manages users, the scheme and where data is sent.
    for (const p of ['users.manage', 'scheme.edit', 'sync.configure'] as const) {
      expect(ROLES.filter((r) => can(r, p)), p).toEqual(['admin']);
    }
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
  });
});

describe('masking personal data in lists', () => {
  it('keeps the head and tail a clerk needs and stars the rest', () => {
    expect(maskValue('370102199001011234', 'idNumber')).toBe('3701**********1234');
    expect(maskValue('13912345678', 'mobile')).toBe('139****5678');
    expect(maskValue('6222021234567890123', 'bankCard')).toBe('6222***********0123');
    expect(maskValue('山东省济南市历下区泉城路1号', 'address')).toBe('山东省济南市********');
    expect(maskValue('张三丰')).toBe('张**');
    expect(maskValue('  ', 'idNumber')).toBe('');
    // Too short to keep head and tail: all starred, nothing leaks.
    expect(maskValue('1234567', 'idNumber')).toBe('*******');
  });
});
