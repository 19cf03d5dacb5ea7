import path from 'node:path';

/** All configuration comes from the environment; see the README's table. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** A streaming replica for read-only cockpit and list queries; null: everything on databaseUrl. */
  databaseReadUrl: string | null;
  demo: boolean;
  demoPassword: string;
  adminPassword: string | null;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean | string;
  webDist: string;
  logLevel: string;
  /** How often housekeeping runs (once per period across all instances). */
  housekeepingSeconds: number;
}

export const DEFAULT_DEMO_PASSWORD = 'Beizeng@2026';

function int(name: string, value: string | undefined, def: number, min: number, max: number): number {
  if (value === undefined || value === '') return def;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new Error(`${name} must be a whole number between ${min} and ${max} (got "${value}")`);
  }
  return Number(value);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const tp = env.TRUST_PROXY?.trim();
  return {
    port: int('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || './data'),
    databaseUrl: env.DATABASE_URL || null,
    databaseReadUrl: env.DATABASE_READ_URL || null,
    demo: (env.BEIZENG_DEMO ?? '1') !== '0',
    demoPassword: env.BEIZENG_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    adminPassword: env.BEIZENG_ADMIN_PASSWORD || null,
    sessionIdleMinutes: int('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30, 1, 24 * 60),
    sessionMaxHours: int('SESSION_MAX_HOURS', env.SESSION_MAX_HOURS, 12, 1, 24 * 30),
    // off (default) | on | a proxy address or CIDR list, passed to Fastify's trustProxy
    trustProxy:
      !tp || tp === 'off' || tp === '0' || tp === 'false'
        ? false
        : tp === 'on' || tp === '1' || tp === 'true'
          ? true
          : tp,
    webDist: path.resolve(import.meta.dirname, '../../web/dist'),
    logLevel: env.LOG_LEVEL || 'info',
    housekeepingSeconds: int('HOUSEKEEPING_SECONDS', env.HOUSEKEEPING_SECONDS, 600, 1, 86_400),
  };
}
