/**
 * Scans server output for secrets that must never be logged: passwords, session tokens, Cookie /
 * Set-Cookie / Authorization header values and unmasked mainland mobile numbers (1[3-9] + 9 digits;
 * a masked 138****1234 does not match).
 */

export interface LogHit {
  kind: 'password' | 'session token' | 'cookie header' | 'authorization header' | 'phone number';
  line: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** 11 digits, not part of a longer number, a decimal fraction or an identifier. */
const PHONE = /(?<![\d.A-Za-z_])1[3-9]\d{9}(?!\d)/;
const COOKIE_HEADER = /["']?(?:set-)?cookie["']?\s*[:=]\s*["']?[^"'\s,}]{4,}/i;
const AUTH_HEADER = /["']?authorization["']?\s*[:=]\s*["']?(?:bearer|basic)?\s*[^"'\s,}]{4,}/i;

export function scanLog(
  text: string,
  secrets: { passwords: Iterable<string>; tokens: Iterable<string> },
): { lines: number; hits: LogHit[] } {
  const passwords = [...secrets.passwords].filter((p) => p.length >= 6);
  const tokens = [...secrets.tokens].filter((t) => t.length >= 16);
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const hits: LogHit[] = [];
  for (const raw of lines) {
    const line = raw.replace(UUID, '<uuid>');
    const short = raw.slice(0, 300);
    if (passwords.some((p) => raw.includes(p))) hits.push({ kind: 'password', line: short });
    if (tokens.some((t) => raw.includes(t) || raw.includes(encodeURIComponent(t))))
      hits.push({ kind: 'session token', line: short });
    if (COOKIE_HEADER.test(line) && !/"?cookie"?\s*[:=]\s*"?\[Redacted\]/i.test(line))
      hits.push({ kind: 'cookie header', line: short });
    if (AUTH_HEADER.test(line) && !/authorization"?\s*[:=]\s*"?\[Redacted\]/i.test(line))
      hits.push({ kind: 'authorization header', line: short });
    if (PHONE.test(line)) hits.push({ kind: 'phone number', line: short });
  }
  return { lines: lines.length, hits };
}
