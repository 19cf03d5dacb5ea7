import type { Scope } from '@beizeng/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config';
import type { Db } from './db';
import type { Lang } from './errors';

/** The logged-in user as every service sees it; computed once per request. */
export interface Actor {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  permissions: Set<string>;
  regionCode: string | null;
  departmentId: number | null;
  enterpriseId: number | null;
  scope: Scope & { userId: number };
  mustChangePassword: boolean;
  /** TOTP is on for this account. */
  totpEnabled: boolean;
  /** A role requires TOTP. */
  totpRequired: boolean;
  /** TOTP is required but not set up: only routes allowed during account setup may run. */
  mustEnrolTotp: boolean;
  sessionId: string;
  locale: 'zh-CN' | 'en';
}

/** What a route handler gets. For write routes `db` is the route's transaction. */
export interface Ctx {
  db: Db;
  /**
   * For read-only queries that tolerate replica lag (cockpit, lists): the read replica when
   * DATABASE_READ_URL is set, else the primary; inside a write route's transaction it is that transaction.
   */
  read: Db;
  actor: Actor | null;
  config: Config;
  requestId: string;
  ip: string;
  userAgent: string | null;
  lang: Lang;
  auditTag: string | null;
  audited: boolean;
  /** Side effects that must wait for the route's transaction to commit (webhooks, e-mail …). */
  afterCommit: (() => void | Promise<void>)[];
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface AuthedCtx extends Ctx {
  actor: Actor;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Infer<T> = T extends z.ZodTypeAny ? z.infer<T> : undefined;

export interface RouteDef<
  B extends z.ZodTypeAny | undefined = any,
  Q extends z.ZodTypeAny | undefined = any,
  P extends z.ZodTypeAny | undefined = any,
  R extends z.ZodTypeAny | undefined = any,
> {
  method: Method;
  /** Relative to the module prefix. */
  url: string;
  summary: string;
  /** A permission string, or `public` (no login), or `authenticated` (any logged-in user). */
  permission: string;
  /** `<module>.<action>`; required on every write route. */
  audit?: string;
  body?: B;
  query?: Q;
  params?: P;
  response?: R;
  /** Write routes run in one transaction unless this is false (e.g. login must log failures). */
  transaction?: boolean;
  /** Allowed while the user must still change their password or set up two-factor authentication. */
  allowPendingPasswordChange?: boolean;
  /** The handler sends the reply itself (file downloads). */
  raw?: boolean;
  handler: (
    ctx: AuthedCtx,
    input: { body: Infer<B>; query: Infer<Q>; params: Infer<P> },
  ) => Promise<R extends z.ZodTypeAny ? z.infer<R> : unknown>;
}

/** Identity function that keeps the route's schema types for its handler. */
export function route<
  B extends z.ZodTypeAny | undefined = undefined,
  Q extends z.ZodTypeAny | undefined = undefined,
  P extends z.ZodTypeAny | undefined = undefined,
  R extends z.ZodTypeAny | undefined = undefined,
>(def: RouteDef<B, Q, P, R>): RouteDef<B, Q, P, R> {
  return def;
}

export interface ModuleDef {
  name: string;
  prefix: string;
  routes: RouteDef[];
}

export const isWrite = (m: string) => m !== 'GET' && m !== 'HEAD';
