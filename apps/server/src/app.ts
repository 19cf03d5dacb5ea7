import './core/exceljs-utf8'; // before anything loads ExcelJS
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES } from '@beizeng/contract';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import { loadActor, SESSION_COOKIE } from './core/auth';
import type { Database } from './core/db';
import { AppError, langOf, problem } from './core/errors';
import { type Actor, type AuthedCtx, type Ctx, isWrite, type RouteDef } from './core/http';
import { withRequestMemo } from './core/memo';
import { MODULES } from './modules';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
  }
  interface FastifyContextConfig {
    permission?: string;
    audit?: string;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: boolean;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: string | undefined;
  audit: string | undefined;
}

export async function buildApp({ config, database, logger = false }: AppOptions) {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, ...LOGGER_OPTIONS } : false,
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    // errors raised before routing (e.g. a malformed URL) get the same problem+json body
    frameworkErrors: (err, req, reply: any) => {
      reply
        .code(400)
        .type('application/problem+json')
        .send(
          problem(
            new AppError('BAD_REQUEST', undefined, undefined, err.message.slice(0, 200)),
            langOf(req.headers['accept-language']),
            String(req.id),
          ),
        );
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // text/plain is a CSRF-able "simple" request; only JSON and multipart bodies are accepted.
  app.removeContentTypeParser('text/plain');

  const registered: RegisteredRoute[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const m of methods)
      registered.push({ method: m, url: r.url, permission: r.config?.permission, audit: r.config?.audit });
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd's CSS-in-JS injects style tags
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: false,
  });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Beizeng 倍增 API', version: '1.0.0', description: '工业倍增、产业突破 work platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    const token = req.cookies[SESSION_COOKIE];
    if (token && req.url.startsWith('/api/') && !req.url.startsWith('/api/docs')) {
      const r = await loadActor(database.db, config, token);
      if (r && 'actor' in r) req.actor = r.actor;
      else if (r && 'expired' in r) req.sessionExpired = true;
    }
  });

  app.setErrorHandler((err: any, req, reply) => {
    const lang = langOf(req.headers['accept-language']);
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      appErr = new AppError(
        'VALIDATION',
        err.validation.map((v: any) => ({
          path: [err.validationContext, ...(v.instancePath ? v.instancePath.split('/').filter(Boolean) : [])]
            .filter(Boolean)
            .join('.'),
          message: v.message ?? 'invalid',
        })),
      );
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its schema');
      appErr = new AppError('INTERNAL');
    } else if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') appErr = new AppError('UNSUPPORTED_MEDIA_TYPE');
    else if (
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      err.statusCode === 413 ||
      err.code === 'FST_REQ_FILE_TOO_LARGE'
    )
      appErr = new AppError('PAYLOAD_TOO_LARGE');
    else if (err.statusCode === 429) appErr = new AppError('RATE_LIMITED');
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) appErr = new AppError('BAD_REQUEST');
    else if (isDbUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      appErr = new AppError('UNAVAILABLE');
    } else {
      req.log.error({ err }, 'unhandled error');
      if (!logger) console.error(safeError(err));
      appErr = new AppError('INTERNAL');
    }
    reply
      .code(appErr.status)
      .type('application/problem+json')
      .send(problem(appErr, lang, String(req.id)));
  });

  // ---- platform endpoints ----
  app.get('/api/health', { config: { permission: 'public' } }, async () => ({ status: 'ok' }));
  // Shutting down: not ready, so a load balancer stops sending traffic while in-flight requests finish.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A keep-alive connection whose request was in flight at close would otherwise stay open after its
  // response and hold the process until the keep-alive timeout.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.get('/api/ready', { config: { permission: 'public' } }, async (_req, reply) => {
    if (closing) return reply.code(503).send({ status: 'unavailable' });
    try {
      await withTimeout(database.ping(), 2000);
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  // ---- modules ----
  for (const mod of MODULES) {
    for (const def of mod.routes) registerRoute(app as any, config, database, mod.prefix, def);
  }

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/') || req.method !== 'GET') {
      const lang = langOf(req.headers['accept-language']);
      return reply
        .code(404)
        .type('application/problem+json')
        .send(problem(new AppError('NOT_FOUND'), lang, String(req.id)));
    }
    return sendIndex(reply);
  });

  const hasWeb = fs.existsSync(path.join(config.webDist, 'index.html'));
  if (hasWeb) {
    // Hashed build assets are looked up at request time (a rebuild needs no restart) and cached for a year.
    await app.register(fastifyStatic, {
      root: path.join(config.webDist, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      index: false,
      setHeaders: (res: FastifyReply) => {
        res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
    // The few files at the root of the build besides index.html (icons, robots.txt …).
    for (const f of fs.readdirSync(config.webDist, { withFileTypes: true })) {
      if (!f.isFile() || f.name === 'index.html') continue;
      app.get(`/${f.name}`, { config: { permission: 'public' }, schema: { hide: true } }, (_req, reply) =>
        reply.sendFile(f.name, config.webDist),
      );
    }
    app.get('/', { config: { permission: 'public' } }, (_req, reply) => sendIndex(reply));
  }
  function sendIndex(reply: FastifyReply) {
    if (!hasWeb) return reply.code(404).type('text/plain').send('web app not built: run npm run build');
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', config.webDist);
  }

  return Object.assign(app, { registeredRoutes: registered });
}

function registerRoute(app: FastifyInstance, config: Config, database: Database, prefix: string, def: RouteDef) {
  const url = `${prefix}${def.url}`.replace(/\/$/, '') || '/';
  const write = isWrite(def.method);
  if (write && !def.audit && def.permission !== 'public') {
    throw new Error(`write route ${def.method} ${url} has no audit tag`);
  }
  app.route({
    method: def.method,
    url,
    config: { permission: def.permission, audit: def.audit },
    schema: {
      summary: def.summary,
      tags: [prefix.split('/')[3] ?? 'platform'],
      ...(def.body ? { body: def.body } : {}),
      ...(def.query ? { querystring: def.query } : {}),
      ...(def.params ? { params: def.params } : {}),
      ...(def.response ? { response: { 200: def.response } } : {}),
    },
    // Authentication, CSRF and permission run before body validation, so an anonymous
    // or forbidden caller learns nothing about the body schema.
    preValidation: async (req: FastifyRequest) => {
      if (write) checkOrigin(req);
      if (def.permission === 'public') return;
      const actor = req.actor;
      if (!actor) throw new AppError(req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
      if (actor.mustChangePassword && !def.allowPendingPasswordChange) throw new AppError('PASSWORD_CHANGE_REQUIRED');
      if (actor.mustEnrolTotp && !def.allowPendingPasswordChange) throw new AppError('TOTP_ENROLMENT_REQUIRED');
      if (def.permission !== 'authenticated' && !actor.permissions.has(def.permission)) throw new AppError('FORBIDDEN');
    },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const base: Ctx = {
        db: database.db,
        read: database.read,
        actor: req.actor,
        config,
        requestId: String(req.id),
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        lang: langOf(req.headers['accept-language']),
        auditTag: def.audit ?? null,
        audited: false,
        afterCommit: [],
        req,
        reply,
      };
      const input = { body: req.body as any, query: req.query as any, params: req.params as any };
      const run = async (ctx: Ctx) => {
        const result = await def.handler(ctx as AuthedCtx, input);
        if (write && def.audit && !ctx.audited && reply.statusCode < 400) {
          throw new Error(`write route ${def.method} ${url} completed without an audit row`);
        }
        return result;
      };
      const result =
        write && def.transaction !== false
          ? await database.db.transaction((tx) => run(Object.assign(base, { db: tx as any, read: tx as any })))
          : await withRequestMemo(() => run(base));
      for (const fn of base.afterCommit) {
        Promise.resolve()
          .then(fn)
          .catch((err) => req.log.warn({ err }, 'after-commit task failed'));
      }
      if (def.raw) return reply;
      return result;
    },
  });
}

/** CSRF: a browser always sends Origin on cross-site writes; it must name this host. */
function checkOrigin(req: FastifyRequest) {
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') throw new AppError('CSRF');
  if (!origin) return;
  let same = false;
  try {
    // normalise default ports on both sides (http://h:80 is http://h)
    same = new URL(origin).host === new URL(`${req.protocol}://${req.headers.host}`).host;
  } catch {}
  if (!same) throw new AppError('CSRF');
}

/** The database is down, restarting or unreachable: the request may be retried (503), nothing is logged as a bug. */
export function isDbUnavailable(err: any): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = e.cause, depth++) {
    const code = String(e.code ?? '');
    // 57P01-57P03: admin/crash shutdown, cannot connect now; class 08: connection exceptions; 53300: too many connections
    if (/^(57P0[123]|08\d{3}|53300)$/.test(code)) return true;
    if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code)) return true;
    // node-postgres reports a dropped connection without a code
    if (
      /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable/i.test(
        String(e.message ?? ''),
      )
    )
      return true;
  }
  return false;
}

/** Paths pino replaces with [Redacted]: credentials must never reach a log. */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'body.password',
  'body.oldPassword',
  'body.newPassword',
];

/** A database error without its bound parameters (names, phone numbers, password hashes). */
export function safeError(err: any): {
  type: string;
  message: string;
  stack: string;
  code?: string;
  cause?: unknown;
} {
  // drizzle puts the bound values after "params:" (up to the stack frames; a value may span lines)
  const strip = (s: unknown) => String(s ?? '').replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/g, '\nparams: [Redacted]');
  const code = err?.code ?? err?.cause?.code;
  return {
    type: err?.constructor?.name ?? 'Error',
    message: strip(err?.message),
    ...(code ? { code: String(code) } : {}),
    stack: strip(err?.stack),
    ...(err?.cause ? { cause: safeError(err.cause) } : {}),
  };
}

/** Fastify's logger: redacted headers and bodies, and errors without query parameters. */
export const LOGGER_OPTIONS = {
  redact: { paths: LOG_REDACT_PATHS, censor: '[Redacted]' },
  serializers: { err: safeError },
};

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
export { ERROR_CODES };
