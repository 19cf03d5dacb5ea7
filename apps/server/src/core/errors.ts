import { ERROR_CODES, ERROR_MESSAGES, type ErrorCode, type Problem } from '@beizeng/contract';

/** The one error type. Services throw it; the error handler turns it into application/problem+json. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly errors?: { path: string; message: string }[],
    public readonly details?: Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? code);
  }
  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export type Lang = 'zh' | 'en';

export function langOf(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh';
}

export function problem(err: AppError, lang: Lang, requestId: string): Problem {
  const msg = ERROR_MESSAGES[err.code];
  return {
    type: `https://beizeng.local/problems/${err.code.toLowerCase()}`,
    title: ERROR_MESSAGES[err.code].en,
    status: err.status,
    code: err.code,
    message: err.message !== err.code ? err.message : msg[lang],
    requestId,
    ...(err.errors ? { errors: err.errors } : {}),
    ...(err.details ? { details: err.details } : {}),
  };
}

export const notFound = () => new AppError('NOT_FOUND');
export const stale = (current?: unknown) => new AppError('STALE_VERSION', undefined, current ? { current } : undefined);
