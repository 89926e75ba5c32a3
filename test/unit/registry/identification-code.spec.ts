import fc from 'fast-check';
import {
  classifyIdentificationCode,
  computeOrgCodeCheck,
  computeUsccCheck,
  describeUscc,
  USCC_CHARSET,
  validateOrgCode,
  validateUscc,
} from '../../../src/modules/registry-core';
import { buildUscc, validOrgCode, validUscc } from './uscc-arbitrary';

describe('validateUscc (GB 32100-2015)', () => {
  it.each(['91350100M000100Y43', '914403001922038216', '91310000MA1FL1MMXL'])(
    'accepts the published code %s',
    (code) => {
      expect(validateUscc(code)).toEqual({ ok: true, kind: 'uscc', code });
    },
  );

  it('normalises full-width characters, lower case and spaces', () => {
    expect(validateUscc(' ９１３５０１００ｍ０００１００ｙ４３ ')).toEqual({
      ok: true,
      kind: 'uscc',
      code: '91350100M000100Y43',
    });
    expect(validateUscc('9135 0100 m000 100y 43')).toMatchObject({
      ok: true,
      code: '91350100M000100Y43',
    });
  });

  it('names the wrong length', () => {
    expect(validateUscc('91350100M000100Y4')).toMatchObject({
      ok: false,
      error: { kind: 'length', got: '17' },
    });
  });

  it.each(['I', 'O', 'Z', 'S', 'V'])(
    'rejects the excluded letter %s and names its position',
    (letter) => {
      const result = validateUscc(`91350100M0001${letter}0Y43`);
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'illegal_char', position: 14, got: letter },
      });
      if (!result.ok) expect(result.error.message).toContain('第14位');
    },
  );

  it('says which check character was expected', () => {
    const result = validateUscc('91350100M000100Y44');
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'check_char', expected: '3', got: '4', position: 18 },
    });
    if (!result.ok) expect(result.error.message).toContain('应为“3”');
  });

  it('rejects an unknown registration authority, organisation type and region', () => {
    const withPrefix = (p: string, region = '350100') => buildUscc(p, region, 'M000100Y');
    expect(validateUscc(withPrefix('B1'))).toMatchObject({
      ok: false,
      error: { kind: 'registration_authority' },
    });
    expect(validateUscc(withPrefix('94'))).toMatchObject({
      ok: false,
      error: { kind: 'organisation_type', position: 2 },
    });
    expect(validateUscc(withPrefix('91', '990100'))).toMatchObject({
      ok: false,
      error: { kind: 'region' },
    });
  });

  it('requires the embedded organisation code check unless relaxed', () => {
    const first17 = '91350100M000100Y5'; // embedded org check should be 4
    const code = first17 + computeUsccCheck(first17);
    expect(validateUscc(code)).toMatchObject({
      ok: false,
      error: { kind: 'org_check_char', expected: '4', got: '5' },
    });
    expect(validateUscc(code, { checkEmbeddedOrgCode: false })).toMatchObject({ ok: true });
  });

  it('computes the check character with weights 3^i mod 31', () => {
    expect(computeUsccCheck('91350100M000100Y4')).toBe('3');
    expect(() => computeUsccCheck('91350100M000100Y')).toThrow(/17/);
  });

  it('accepts every generated code', () => {
    fc.assert(fc.property(validUscc, (code) => validateUscc(code).ok));
  });

  it('rejects any valid code with one character changed', () => {
    fc.assert(
      fc.property(
        validUscc,
        fc.nat(17),
        fc.nat(USCC_CHARSET.length - 2),
        (code, position, shift) => {
          const original = USCC_CHARSET.indexOf(code[position]);
          const replacement = USCC_CHARSET[(original + 1 + shift) % USCC_CHARSET.length];
          const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
          expect(validateUscc(mutated).ok).toBe(false);
        },
      ),
    );
  });

  it('rejects any valid code with two adjacent different characters swapped', () => {
    fc.assert(
      fc.property(validUscc, fc.nat(16), (code, position) => {
        fc.pre(code[position] !== code[position + 1]);
        const swapped =
          code.slice(0, position) + code[position + 1] + code[position] + code.slice(position + 2);
        expect(validateUscc(swapped).ok).toBe(false);
      }),
    );
  });

  it('describes what the code says about the target', () => {
    expect(describeUscc('91350100M000100Y43')).toEqual({
      authority: '市场监管（工商）',
      organisationType: '企业',
      regionCode: '350100',
    });
  });
});

describe('validateOrgCode (GB 11714)', () => {
  it('accepts the code with and without the hyphen', () => {
    expect(validateOrgCode('M000100Y-4')).toEqual({ ok: true, kind: 'org', code: 'M000100Y4' });
    expect(validateOrgCode('192203821')).toEqual({ ok: true, kind: 'org', code: '192203821' });
  });

  it('maps check values 10 → X and 11 → 0', () => {
    const checks = new Set<string>();
    fc.assert(
      fc.property(validOrgCode, (code) => {
        checks.add(code[8]);
        expect(validateOrgCode(code).ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(checks.has('X')).toBe(true);
    expect(checks.has('0')).toBe(true);
    expect(computeOrgCodeCheck('MA1FL1MM')).toBe('X');
  });

  it('rejects a wrong check, a bad length and an illegal character', () => {
    expect(validateOrgCode('M000100Y5')).toMatchObject({
      ok: false,
      error: { kind: 'check_char', expected: '4' },
    });
    expect(validateOrgCode('M000100')).toMatchObject({ ok: false, error: { kind: 'length' } });
    expect(validateOrgCode('M00_100Y4')).toMatchObject({
      ok: false,
      error: { kind: 'illegal_char', position: 4 },
    });
  });

  // Mod 11 catches every single substitution among digits (letters 'B'=11 vs '0' would collide).
  it('rejects any valid code with one digit changed to another digit', () => {
    fc.assert(
      fc.property(
        validOrgCode,
        fc.nat(8),
        fc.integer({ min: 1, max: 9 }),
        (code, position, shift) => {
          const digits = '0123456789';
          const current = digits.indexOf(code[position]);
          fc.pre(current >= 0);
          const mutated =
            code.slice(0, position) + digits[(current + shift) % 10] + code.slice(position + 1);
          expect(validateOrgCode(mutated).ok).toBe(false);
        },
      ),
    );
  });
});

describe('classifyIdentificationCode', () => {
  it('classifies each kind and normalises', () => {
    expect(classifyIdentificationCode('91350100M000100Y43')).toEqual({
      ok: true,
      kind: 'uscc',
      code: '91350100M000100Y43',
    });
    expect(classifyIdentificationCode('m000100y－4')).toEqual({
      ok: true,
      kind: 'org',
      code: 'M000100Y4',
    });
    expect(classifyIdentificationCode('ｊｃ-ｐｒｏｄ-001')).toEqual({
      ok: true,
      kind: 'internal',
      code: 'JC-PROD-001',
    });
  });

  it('explains unacceptable lengths and empty input', () => {
    const result = classifyIdentificationCode('310000400123456'); // an old 15-digit registration number
    expect(result).toMatchObject({ ok: false, error: { kind: 'length', got: '15' } });
    if (!result.ok) expect(result.error.message).toMatch(/18位.*9位.*JC-/);
    expect(classifyIdentificationCode('  ')).toMatchObject({ ok: false, error: { kind: 'empty' } });
  });

  it('rejects malformed internal codes', () => {
    expect(classifyIdentificationCode('JC-')).toMatchObject({ ok: false });
    expect(classifyIdentificationCode('JC-ABC_1')).toMatchObject({
      ok: false,
      error: { kind: 'illegal_char', position: 7 },
    });
    expect(classifyIdentificationCode('JC-' + 'A'.repeat(41))).toMatchObject({
      ok: false,
      error: { kind: 'length' },
    });
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        (raw) => typeof classifyIdentificationCode(raw).ok === 'boolean',
      ),
    );
  });
});
