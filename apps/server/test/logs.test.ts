/**
 * Secrets in logs (issue #9). The process tests (crash, shutdown, load) run real servers with request
 * logging on and scan everything they printed (log-scan.ts); this file proves that scanner finds what it
 * looks for, and that the server's logger configuration redacts credentials and query parameters.
 */
import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { isDbUnavailable, LOGGER_OPTIONS, safeError } from '../src/app';
import { scanLog } from './log-scan';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: pino({ level: 'info', ...LOGGER_OPTIONS }, stream), text: () => lines.join('') };
}

describe('log scanner', () => {
  it('finds passwords, session tokens, cookie and authorization headers and unmasked phone numbers', () => {
    const token = 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg';
    const text = [
      '{"msg":"login","password":"Beizeng@2026"}',
      `{"msg":"x","token":"${token}"}`,
      '{"req":{"headers":{"cookie":"bz_sid=abcdefgh"}}}',
      '{"headers":{"authorization":"Bearer abcdefghijkl"}}',
      '{"msg":"contact 13812345678"}',
      // not hits: a masked number, a redacted header, numbers that merely contain 11 digits
      '{"msg":"contact 138****5678","req":{"headers":{"cookie":"[Redacted]"}}}',
      '{"time":1764085123456,"responseTime":5.13912345678912,"reqId":"13812345-6789-4abc-8def-138123456789"}',
    ].join('\n');
    const { lines, hits } = scanLog(text, { passwords: ['Beizeng@2026'], tokens: [token] });
    expect(lines).toBe(7);
    expect(hits.map((h) => h.kind)).toEqual([
      'password',
      'session token',
      'cookie header',
      'authorization header',
      'phone number',
    ]);
  });
});

describe('server logger configuration', () => {
  it('redacts Cookie, Authorization and Set-Cookie headers and password fields', () => {
    const c = capture();
    c.logger.info(
      {
        req: {
          method: 'GET',
          url: '/api/v1/users',
          headers: { cookie: 'bz_sid=secret-token-1', authorization: 'Bearer abc' },
        },
        res: { statusCode: 200, headers: { 'set-cookie': 'bz_sid=secret-token-2; HttpOnly' } },
        body: { username: 'admin', password: 'Beizeng@2026', newPassword: 'N3w-Passw0rd!x' },
      },
      'request',
    );
    const out = c.text();
    expect(out).toContain('"url":"/api/v1/users"');
    for (const secret of ['secret-token-1', 'secret-token-2', 'Bearer abc', 'Beizeng@2026', 'N3w-Passw0rd!x'])
      expect(out).not.toContain(secret);
    expect(out.match(/\[Redacted\]/g)?.length).toBe(5);
    expect(scanLog(out, { passwords: ['Beizeng@2026'], tokens: ['secret-token-1'] }).hits).toEqual([]);
  });

  it('logs a failed query without its parameters (names, phone numbers, password hashes)', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const err = new DrizzleQueryError(
      'insert into "enterprise" ("name", "contact_phone") values ($1, $2)',
      ['山东勇辰食品有限公司', '13812345678', 'a note\nover two lines with 13912345678'],
      cause,
    );
    const c = capture();
    c.logger.error({ err }, 'unhandled error');
    const out = c.text();
    expect(out).toContain('insert into');
    expect(out).toContain('23505');
    expect(out).not.toContain('13812345678');
    expect(out).not.toContain('13912345678');
    expect(out).not.toContain('勇辰');
    expect(JSON.stringify(safeError(err))).not.toContain('13812345678');
  });

  it('treats a lost or restarting database as unavailable, and nothing else', () => {
    const wrap = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error);
    for (const e of [
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      new Error('Connection terminated unexpectedly'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect(isDbUnavailable(e), e.message).toBe(true);
      expect(isDbUnavailable(wrap(e)), e.message).toBe(true);
    }
    for (const e of [
      Object.assign(new Error('duplicate key'), { code: '23505' }),
      Object.assign(new Error('syntax error'), { code: '42601' }),
      new Error('boom'),
    ])
      expect(isDbUnavailable(wrap(e)), e.message).toBe(false);
  });
});
