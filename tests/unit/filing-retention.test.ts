import { describe, expect, it } from 'vitest';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { dossierRetention } from '../../shared/filing/retention';
import { SchemeBody } from '../../shared/filing/scheme';

describe('dossier retention by the scheme', () => {
  it('counts from the event the opening business names; a business may override its class', () => {
    const s = defaultSchemeBody();
    const at = (business: string, businessDate: string) => ({ business, businessDate });
    expect(dossierRetention(s, [at('TQ-ZF', '2003-07-01'), at('TQ-GF', '2009-02-01')])).toEqual({ code: 'D30', from: 'filing', startsOn: '2009-02-01', until: '2039-02-01' });
    expect(dossierRetention(s, [at('DK-SQ', '2001-05-14'), at('DK-HKBG', '2003-01-01')])).toEqual({ code: 'D30', from: 'settlement', startsOn: null, until: null });
    expect(dossierRetention(s, [at('DK-SQ', '2001-05-14'), at('DK-JQ', '2005-03-01'), at('DK-JQ', '2006-01-01')])?.until).toBe('2035-03-01');
    // GJ counts from filing; the employer's dossier (opened by GJ-DWKH) counts from its 销户.
    expect(dossierRetention(s, [at('GJ-DWKH', '2002-01-06'), at('GJ-HJ', '2004-01-01')])).toMatchObject({ from: 'closing', until: null });
    expect(dossierRetention(s, [at('GJ-DWKH', '2002-01-06'), at('GJ-XH', '2010-12-31')])?.until).toBe('2040-12-31');
    expect(dossierRetention(s, [at('NO-SUCH', '2002-01-06')])).toBeNull();
  });

  it('refuses a business that would both settle a loan and close an account', () => {
    const s = structuredClone(defaultSchemeBody());
    Object.assign(s.businessTypes.find((b) => b.code === 'DK-JQ')!, { closes: true });
    const result = SchemeBody.safeParse(s);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.message).join('\n')).toMatch(/DK-JQ cannot both settle a loan and close an account/);
  });
});
