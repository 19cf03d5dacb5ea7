import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  hotp,
  newTotpSecret,
  openSecret,
  otpauthUri,
  sealSecret,
  stepAt,
  totpAt,
  verifyTotp,
} from './totp';

const seed20 = Buffer.from('12345678901234567890');
const seed32 = Buffer.from('12345678901234567890123456789012');
const seed64 = Buffer.from('1234567890123456789012345678901234567890123456789012345678901234');

describe('HOTP (RFC 4226 appendix D)', () => {
  it('gives the published values for counters 0–9', () => {
    const expected = [
      '755224',
      '287082',
      '359152',
      '969429',
      '338314',
      '254676',
      '287922',
      '162583',
      '399871',
      '520489',
    ];
    expect(expected.map((_, i) => hotp(seed20, i))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238 appendix B, 8 digits)', () => {
  const vectors: [number, string, string, string][] = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [t, sha1, sha256, sha512] of vectors) {
    it(`T = ${t}`, () => {
      expect(totpAt(seed20, t * 1000, 8, 'sha1')).toBe(sha1);
      expect(totpAt(seed32, t * 1000, 8, 'sha256')).toBe(sha256);
      expect(totpAt(seed64, t * 1000, 8, 'sha512')).toBe(sha512);
    });
  }
});

describe('verifyTotp', () => {
  const secret = base32Encode(seed20);
  const now = 1_700_000_000_000;
  const code = (ms: number) => totpAt(seed20, ms);

  it('accepts the current step and ±1 step, not ±2', () => {
    expect(verifyTotp(secret, code(now), now, null)).toBe(stepAt(now));
    expect(verifyTotp(secret, code(now - 30_000), now, null)).toBe(stepAt(now) - 1);
    expect(verifyTotp(secret, code(now + 30_000), now, null)).toBe(stepAt(now) + 1);
    expect(verifyTotp(secret, code(now - 60_000), now, null)).toBeNull();
    expect(verifyTotp(secret, code(now + 60_000), now, null)).toBeNull();
  });

  it('refuses a code whose step was already used, and malformed codes', () => {
    expect(verifyTotp(secret, code(now), now, stepAt(now))).toBeNull();
    expect(verifyTotp(secret, code(now - 30_000), now, stepAt(now) - 1)).toBeNull();
    expect(verifyTotp(secret, code(now + 30_000), now, stepAt(now))).toBe(stepAt(now) + 1);
    expect(verifyTotp(secret, '12345', now, null)).toBeNull();
    expect(verifyTotp(secret, 'abcdef', now, null)).toBeNull();
  });
});

describe('secrets', () => {
  it('base32 round-trips (RFC 4648 vectors)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('MZXW6YTBOI======').toString()).toBe('foobar');
    expect(base32Encode(seed20)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(s)).toHaveLength(20);
  });

  it('builds the otpauth URI', () => {
    expect(otpauthUri('ABC', 'cadre')).toBe(
      'otpauth://totp/Beizeng:cadre?secret=ABC&issuer=Beizeng&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('encrypts at rest with AES-256-GCM when a key is set', () => {
    const s = newTotpSecret();
    const sealed = sealSecret(s, 'a long key of the deployment');
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(s);
    expect(openSecret(sealed, 'a long key of the deployment')).toBe(s);
    expect(() => openSecret(sealed, 'another key')).toThrow();
    expect(() => openSecret(sealed, undefined)).toThrow(/BEIZENG_TOTP_KEY/);
    expect(openSecret(sealSecret(s, undefined), undefined)).toBe(s);
  });
});
