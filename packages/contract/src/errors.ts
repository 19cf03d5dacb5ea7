/** The closed list of error codes. Every AppError carries one; the HTTP status follows from it. */
export const ERROR_CODES = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  SESSION_EXPIRED: 401,
  PASSWORD_CHANGE_REQUIRED: 403,
  TOTP_REQUIRED: 401,
  TOTP_INVALID: 401,
  TOTP_ENROLMENT_REQUIRED: 403,
  FORBIDDEN: 403,
  CSRF: 403,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  STALE_VERSION: 409,
  DUPLICATE: 409,
  INVALID_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export const ERROR_MESSAGES: Record<ErrorCode, { zh: string; en: string }> = {
  VALIDATION: { zh: '提交的内容有误，请按提示修改后重试', en: 'Some fields are invalid; correct them and try again' },
  BAD_REQUEST: { zh: '请求格式不正确', en: 'The request is malformed' },
  UNAUTHENTICATED: { zh: '请先登录', en: 'Please log in' },
  INVALID_CREDENTIALS: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  SESSION_EXPIRED: { zh: '登录已过期，请重新登录', en: 'Your session has expired; please log in again' },
  PASSWORD_CHANGE_REQUIRED: {
    zh: '首次登录或密码已重置，请先修改密码',
    en: 'You must change your password before continuing',
  },
  TOTP_REQUIRED: {
    zh: '该账号已启用双因素认证，请输入身份验证器中的 6 位动态验证码',
    en: 'This account uses two-factor authentication; enter the 6-digit code from your authenticator app',
  },
  TOTP_INVALID: {
    zh: '动态验证码错误、已过期或已使用过，请输入身份验证器中当前的验证码',
    en: 'The code is wrong, expired or already used; enter the current code from your authenticator app',
  },
  TOTP_ENROLMENT_REQUIRED: {
    zh: '您的角色要求双因素认证，请先绑定身份验证器',
    en: 'Your role requires two-factor authentication; set up an authenticator app first',
  },
  FORBIDDEN: { zh: '没有执行此操作的权限', en: 'You do not have permission to do this' },
  CSRF: { zh: '请求来源不被允许，请刷新页面后重试', en: 'Request origin not allowed; reload the page and retry' },
  ACCOUNT_LOCKED: {
    zh: '连续登录失败次数过多，账号已锁定 15 分钟',
    en: 'Too many failed logins; the account is locked for 15 minutes',
  },
  ACCOUNT_DISABLED: { zh: '账号已停用，请联系管理员', en: 'This account is disabled; contact the administrator' },
  NOT_FOUND: { zh: '记录不存在或无权查看', en: 'The record does not exist or is not visible to you' },
  CONFLICT: { zh: '操作与现有数据冲突', en: 'The operation conflicts with existing data' },
  STALE_VERSION: {
    zh: '该记录已被他人修改，请刷新后重新编辑',
    en: 'Someone else changed this record; reload and edit again',
  },
  DUPLICATE: { zh: '已存在相同的记录', en: 'A record with the same key already exists' },
  INVALID_TRANSITION: { zh: '当前状态下不能执行此操作', en: 'This action is not allowed in the current state' },
  PAYLOAD_TOO_LARGE: { zh: '上传的内容过大', en: 'The upload is too large' },
  UNSUPPORTED_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'Unsupported content type' },
  RATE_LIMITED: { zh: '操作过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  INTERNAL: {
    zh: '系统内部错误，请稍后重试或联系管理员',
    en: 'Internal error; retry later or contact the administrator',
  },
  UNAVAILABLE: { zh: '服务暂不可用，请稍后重试', en: 'Service temporarily unavailable; try again shortly' },
};

/** Body of every error response (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  message: string;
  requestId: string;
  errors?: { path: string; message: string }[];
  details?: Record<string, unknown>;
}
