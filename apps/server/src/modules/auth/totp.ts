/**
 * TOTP (RFC 6238 over RFC 4226 HOTP) with node:crypto, and the secret's encryption at rest. Pure, no I/O.
 * 30-second steps, 6 digits, HMAC-SHA1: what every authenticator app (Google/Microsoft Authenticator,
 * 腾讯身份验证器, FreeOTP) supports by default.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;
/** Codes of the previous and next step are accepted too (clock drift). */
export const TOTP_WINDOW = 1;

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(s: string): Buffer {
  const clean = s.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = B32.indexOf(ch);
    if (i < 0) throw new Error('invalid base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP value for a counter. */
export function hotp(
  key: Uint8Array,
  counter: number,
  digits = TOTP_DIGITS,
  algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1',
): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac(algorithm, key).update(msg).digest();
  const offset = h[h.length - 1]! & 0x0f;
  const bin = (h.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

export const stepAt = (ms: number) => Math.floor(ms / 1000 / TOTP_PERIOD);

/** The code for a time (ms since the epoch). */
export const totpAt = (
  key: Uint8Array,
  ms: number,
  digits = TOTP_DIGITS,
  algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1',
) => hotp(key, stepAt(ms), digits, algorithm);

/**
 * The step a code matches within ±TOTP_WINDOW of `now`, later than `lastStep` (a used code is refused),
 * or null.
 */
export function verifyTotp(secretB32: string, code: string, now: number, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const key = base32Decode(secretB32);
  const current = stepAt(now);
  for (let d = -TOTP_WINDOW; d <= TOTP_WINDOW; d++) {
    const step = current + d;
    if (lastStep != null && step <= lastStep) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(code))) return step;
  }
  return null;
}

/** A new 160-bit secret (RFC 4226 recommends 160 bits), base32. */
export const newTotpSecret = () => base32Encode(randomBytes(20));

/** The otpauth:// URI authenticator apps read from the QR code. */
export function otpauthUri(secretB32: string, account: string, issuer = 'Beizeng'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const q = new URLSearchParams({
    secret: secretB32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD),
  });
  return `otpauth://totp/${label}?${q}`;
}

/**
 * The secret at rest: `v1:<iv>:<tag>:<ciphertext>` (AES-256-GCM, key = SHA-256 of BEIZENG_TOTP_KEY) when a key
 * is configured, otherwise `plain:<secret>` (still never returned by the API). A stored v1 secret needs the key.
 */
export function sealSecret(secretB32: string, keyText: string | undefined): string {
  if (!keyText) return `plain:${secretB32}`;
  const key = createHash('sha256').update(keyText).digest();
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([c.update(secretB32, 'utf8'), c.final()]);
  return `v1:${iv.toString('base64')}:${c.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

export function openSecret(sealed: string, keyText: string | undefined): string {
  if (sealed.startsWith('plain:')) return sealed.slice(6);
  const [v, iv, tag, ct] = sealed.split(':');
  if (v !== 'v1' || !iv || !tag || !ct) throw new Error('unknown TOTP secret format');
  if (!keyText) throw new Error('BEIZENG_TOTP_KEY is not set but TOTP secrets are encrypted with it');
  const key = createHash('sha256').update(keyText).digest();
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
  d.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([d.update(Buffer.from(ct, 'base64')), d.final()]).toString('utf8');
}
