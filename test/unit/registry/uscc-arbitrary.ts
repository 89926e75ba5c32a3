/** Test helpers: valid identification codes built with the compute functions. */
import fc from 'fast-check';
import {
  computeOrgCodeCheck,
  computeUsccCheck,
  USCC_CHARSET,
} from '../../../src/modules/registry-core';

/** Body characters valid in both GB 11714 and GB 32100. */
const bodyChar = fc.constantFrom(...USCC_CHARSET.split(''));

export function buildUscc(prefix2: string, region: string, body8: string): string {
  const first17 = prefix2 + region + body8 + computeOrgCodeCheck(body8);
  return first17 + computeUsccCheck(first17);
}

export const validUscc = fc
  .tuple(
    fc.constantFrom('91', '92', '93', '11', '12', '51', '52', '53', 'N2', 'Y1'),
    fc.constantFrom('350100', '640100', '410100', '110000', '100000', '640522'),
    fc.array(bodyChar, { minLength: 8, maxLength: 8 }),
  )
  .map(([prefix, region, body]) => buildUscc(prefix, region, body.join('')));

export const validOrgCode = fc
  .array(fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), {
    minLength: 8,
    maxLength: 8,
  })
  .map((body) => body.join('') + computeOrgCodeCheck(body.join('')));
