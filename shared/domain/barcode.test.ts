import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkBarcode, gtinCheckDigit } from './barcode';
import { CopyInput } from './copy';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const withCheck = (payload: string) => payload + gtinCheckDigit(payload);

describe('barcode check digits', () => {
  it('accepts real EAN-13 and UPC-A codes from disc cases', () => {
    expect(checkBarcode('4006381333931')).toEqual({ ok: true, kind: 'EAN-13', digits: '4006381333931' });
    expect(checkBarcode('036000291452')).toEqual({ ok: true, kind: 'UPC-A', digits: '036000291452' });
    expect(checkBarcode('4 006381 333931')).toMatchObject({ ok: true, digits: '4006381333931' });
  });

  it('accepts every code whose last digit is the computed check digit', () => {
    fc.assert(
      fc.property(fc.oneof(digits(11), digits(12)), (payload) => {
        expect(checkBarcode(withCheck(payload)).ok).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects every single mistyped digit', () => {
    fc.assert(
      fc.property(
        fc.oneof(digits(11), digits(12)),
        fc.nat(),
        fc.integer({ min: 1, max: 9 }),
        (payload, at, delta) => {
          const code = withCheck(payload);
          const i = at % code.length;
          const typo = code.slice(0, i) + ((Number(code[i]) + delta) % 10) + code.slice(i + 1);
          const result = checkBarcode(typo);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a UPC-A is the same product as its EAN-13 with a leading zero', () => {
    fc.assert(
      fc.property(digits(11), (payload) => {
        expect(checkBarcode(`0${withCheck(payload)}`).ok).toBe(true);
      }),
    );
  });

  it('explains what is wrong', () => {
    expect(checkBarcode('4006381333932')).toEqual({ ok: false, reason: 'check digit is 2, expected 1' });
    expect(checkBarcode('12345')).toMatchObject({ ok: false, reason: expect.stringContaining('not 5') });
    expect(checkBarcode('40063813339x1')).toMatchObject({ ok: false, reason: 'a barcode has digits only' });
  });

  it('a copy with a bad barcode fails validation on the barcode field', () => {
    const r = CopyInput.safeParse({ titleId: 't', format: 'blu-ray', barcode: '4006381333932' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['barcode']);
  });
});
