import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, READ_ONLY_ROLES, ROLES, ROLE_PERMISSIONS, SEPARATED_ROLES } from '../../shared/auth/permissions';
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
    // Only administrators manage users, the scheme and where data is sent: the single one, or
    // under 三员分立 the system administrator (users, scheme) and the security administrator (keys).
    expect(ROLES.filter((r) => can(r, 'users.manage'))).toEqual(['admin', 'sysadmin']);
    expect(ROLES.filter((r) => can(r, 'scheme.edit'))).toEqual(['admin', 'sysadmin']);
    expect(ROLES.filter((r) => can(r, 'sync.configure'))).toEqual(['admin', 'secadmin']);
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(PERMISSIONS).toContain(p);
  });
});

describe('三员分立 in the permission table', () => {
  it('splits the single administrator three ways with nothing shared that would let one do another\'s job', () => {
    const [sys, sec, aud] = SEPARATED_ROLES.map((r) => new Set(permissionsOf(r)));
    // Audit content is the auditor's (and the single administrator's) alone; personal data is none of theirs.
    expect(ROLES.filter((r) => can(r, 'audit.read'))).toEqual(['admin', 'auditor']);
    for (const r of SEPARATED_ROLES) expect(can(r, 'pii.reveal'), r).toBe(false);
    expect(ROLES.filter((r) => can(r, 'roles.assign'))).toEqual(['admin', 'secadmin']);
    for (const p of sys!) expect(sec!.has(p) || aud!.has(p), p).toBe(false);
    for (const p of sec!) expect(aud!.has(p), p).toBe(false);
    // The auditor changes nothing: reading the log and the figures is all it holds.
    expect([...aud!].sort()).toEqual(['audit.read', 'stats.view']);
    expect(READ_ONLY_ROLES).toEqual(['auditor']);
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
