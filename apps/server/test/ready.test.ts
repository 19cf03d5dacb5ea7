import { describe, expect, it } from 'vitest';
import { createTestApp } from './harness';

describe('readiness follows the database', () => {
  it('answers 503 when the database is gone while health stays 200', async () => {
    const t = await createTestApp();
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/ready' })).statusCode).toBe(200);
      await t.database.close();
      const r = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(r.statusCode).toBe(503);
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await t.app.close();
    }
  });
});
