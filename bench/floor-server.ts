/**
 * The floor: a bare Fastify + pg server with no auth, no validation and no serialisation beyond JSON, that replays
 * the statements a Beizeng request ran (captured by lib/capture.ts) in the same order with the same parameters.
 * GET /floor/:case/:variant. Started by bench/run.ts with DATABASE_URL, PORT and FLOOR_CASES (a JSON file).
 */
import fs from 'node:fs';
import Fastify from 'fastify';
import pg from 'pg';

type Statement = { text: string; values: unknown[] };
const cases = JSON.parse(fs.readFileSync(process.env.FLOOR_CASES!, 'utf8')) as Record<string, Statement[][]>;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = Fastify();
app.get('/ready', async () => ({ ok: true }));
app.get<{ Params: { name: string; variant: string } }>('/floor/:name/:variant', async (req, reply) => {
  const statements = cases[req.params.name]?.[Number(req.params.variant)];
  if (!statements) return reply.code(404).send({ error: 'unknown case' });
  const out: unknown[] = [];
  for (const s of statements) out.push((await pool.query(s.text, s.values)).rows);
  return out;
});
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
