import { z } from 'zod';
import { DATA_SCOPES, ROLE_CODES } from './permissions';

/** ≥ 10 characters with at least 3 of: lower case, upper case, digits, other characters. */
export function passwordProblems(pw: string): string | null {
  if (pw.length < 10) return 'too_short';
  if (pw.length > 128) return 'too_long';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(pw)).length;
  if (classes < 3) return 'too_simple';
  return null;
}

export const password = z.string().superRefine((pw, ctx) => {
  const p = passwordProblems(pw);
  if (p)
    ctx.addIssue({
      code: 'custom',
      message:
        p === 'too_short'
          ? '密码至少 10 位 / at least 10 characters'
          : p === 'too_long'
            ? '密码最多 128 位 / at most 128 characters'
            : '密码须包含大写字母、小写字母、数字、符号中的至少三类 / use 3 of: upper, lower, digit, symbol',
    });
});

/** A 6-digit TOTP code (spaces ignored, as apps often show "123 456"). */
export const totpCode = z
  .string()
  .max(20)
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, { message: '请输入 6 位数字验证码 / enter the 6-digit code' }));

export const loginBody = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
  /** Required when the account has two-factor authentication on. */
  totp: totpCode.optional(),
});

/** Enrolment: the new secret, shown once, for the authenticator app (QR code of `uri`, or typed in). */
export const totpSetup = z.object({ secret: z.string(), uri: z.string() });
export const totpEnableBody = z.object({ code: totpCode });
export const totpDisableBody = z.object({ password: z.string().min(1).max(128), code: totpCode });

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1).max(128),
  newPassword: password,
});

export const scope = z.object({
  kind: z.enum(DATA_SCOPES),
  regionCode: z.string().nullable(),
  departmentId: z.number().int().nullable(),
  enterpriseId: z.number().int().nullable(),
});
export type Scope = z.infer<typeof scope>;

export const me = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLE_CODES).or(z.string())),
  permissions: z.array(z.string()),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  department: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  enterprise: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  scope,
  mustChangePassword: z.boolean(),
  /** Two-factor authentication (TOTP) is on for this account. */
  totpEnabled: z.boolean(),
  /** A role of the user requires TOTP. */
  totpRequired: z.boolean(),
  /** TOTP is required but not set up yet: only enrolment (and password change) is allowed. */
  mustEnrolTotp: z.boolean(),
  locale: z.enum(['zh-CN', 'en']),
});
export type Me = z.infer<typeof me>;

export const localeBody = z.object({ locale: z.enum(['zh-CN', 'en']) });
