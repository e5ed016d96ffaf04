import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyChanges, classifyPage, features, learnFrom } from '../../shared/filing/classify';
import { defaultSchemeBody } from '../../electron/core/filing/scheme-source';
import { loadLabelledSamples, score } from '../../electron/core/bench/classify-bench';

const scheme = defaultSchemeBody();
const none = { material: new Map(), business: new Map() };

describe('auto-classification', () => {
  it('recognizes every labelled sample from its text with the scheme phrases', async () => {
    // The samples' ground truth, copied into the repository from ../shared/samples/gt.
    const samples = await loadLabelledSamples(path.resolve('tests/fixtures/samples-gt'));
    expect(samples).toHaveLength(20);
    const result = score(samples, (s) => classifyPage(scheme, { text: s.text }, none).materials[0]?.code ?? null);
    expect(result.confusions).toEqual([]);
    expect(result.accuracy).toBe(1);
  });

  it('reads the business from a ticked box', () => {
    const text = '住房公积金提取申请表\n提取原因 □偿还住房贷款本息 ☑购买自住住房 □租赁住房';
    const r = classifyPage(scheme, { text }, none);
    expect(r.materials[0]?.code).toBe('TQSQB');
    expect(r.businesses[0]?.code).toBe('TQ-GF');
  });

  it('learns a centre’s own form from one correction', () => {
    const form = (name: string) => `某某市公积金中心职工住房提取审批单\n审批编号 ${name}\n经办意见`;
    expect(classifyPage(scheme, { text: form('1') }, none).materials[0]?.code).not.toBe('TQSQB');
    const weights = new Map<string, Map<string, number>>();
    applyChanges(weights, learnFrom(features({ text: form('1') }), 'TQSQB'));
    const next = classifyPage(scheme, { text: form('2') }, { material: weights, business: new Map() });
    expect(next.materials[0]).toMatchObject({ code: 'TQSQB' });
    expect(next.materials[0]!.cues[0]).toMatch(/^learned/);
  });

  it('suggests nothing without text', () => {
    expect(classifyPage(scheme, { text: '  \n' }, none)).toEqual({ materials: [], businesses: [] });
  });
});
