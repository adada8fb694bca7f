/**
 * Retail barcodes on disc cases: EAN-13 (Europe, Japan) and UPC-A (North America).
 * Both end in a mod-10 check digit with weights 3/1 alternating from the right,
 * so one function validates both; UPC-A is EAN-13 with a leading zero.
 */
export type BarcodeKind = 'EAN-13' | 'UPC-A';

export function gtinCheckDigit(payload: string): number {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const digit = payload.charCodeAt(payload.length - 1 - i) - 48;
    sum += i % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** Returns the barcode's kind, or a sentence saying what is wrong with it. */
export function checkBarcode(
  raw: string,
): { ok: true; kind: BarcodeKind; digits: string } | { ok: false; reason: string } {
  const digits = raw.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'a barcode has digits only' };
  if (digits.length !== 12 && digits.length !== 13) {
    return { ok: false, reason: `a barcode has 12 (UPC-A) or 13 (EAN-13) digits, not ${digits.length}` };
  }
  const expected = gtinCheckDigit(digits.slice(0, -1));
  const actual = Number(digits.at(-1));
  if (expected !== actual) {
    return { ok: false, reason: `check digit is ${actual}, expected ${expected}` };
  }
  return { ok: true, kind: digits.length === 12 ? 'UPC-A' : 'EAN-13', digits };
}
