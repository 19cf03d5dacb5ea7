import {
  changePasswordBody,
  localeBody,
  loginBody,
  me,
  okResponse,
  totpDisableBody,
  totpEnableBody,
  totpSetup,
} from '@beizeng/contract';
import { SESSION_COOKIE } from '../../core/auth';
import { route } from '../../core/http';
import * as auth from './auth.service';

export const authRoutes = [
  route({
    method: 'POST',
    url: '/login',
    summary: 'Log in; sets the session cookie',
    permission: 'public',
    audit: 'auth.login',
    transaction: false, // failed attempts must stay recorded
    body: loginBody,
    response: me,
    handler: async (ctx, { body }) => {
      const { token, actor } = await auth.login(ctx, body.username, body.password, body.totp);
      ctx.reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.req.protocol === 'https',
        maxAge: ctx.config.sessionMaxHours * 3600,
      });
      return auth.describeMe(ctx.db, actor);
    },
  }),
  route({
    method: 'POST',
    url: '/logout',
    summary: 'Log out; ends the session on the server',
    permission: 'authenticated',
    allowPendingPasswordChange: true,
    audit: 'auth.logout',
    response: okResponse,
    handler: async (ctx) => {
      await auth.logout(ctx, ctx.req.cookies[SESSION_COOKIE]!);
      ctx.reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  }),
  route({
    method: 'GET',
    url: '/me',
    summary: 'The logged-in user, roles, permissions and data scope',
    permission: 'authenticated',
    allowPendingPasswordChange: true,
    response: me,
    handler: (ctx) => auth.describeMe(ctx.db, ctx.actor),
  }),
  route({
    method: 'POST',
    url: '/password',
    summary: 'Change own password (ends the user’s other sessions)',
    permission: 'authenticated',
    allowPendingPasswordChange: true,
    audit: 'auth.password',
    body: changePasswordBody,
    response: okResponse,
    handler: async (ctx, { body }) => {
      await auth.changePassword(ctx, body.oldPassword, body.newPassword);
      return { ok: true as const };
    },
  }),
  route({
    method: 'PUT',
    url: '/locale',
    summary: 'Remember the interface language',
    permission: 'authenticated',
    allowPendingPasswordChange: true,
    audit: 'auth.locale',
    body: localeBody,
    response: okResponse,
    handler: async (ctx, { body }) => {
      await auth.setLocale(ctx, body.locale);
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/totp/setup',
    summary: 'Start two-factor (TOTP) enrolment: a new secret and its otpauth:// URI, shown once',
    permission: 'authenticated',
    allowPendingPasswordChange: true,
    audit: 'auth.totpSetup',
    response: totpSetup,
    handler: (ctx) => auth.totpSetup(ctx),
  }),
  route({
    method: 'POST',
    url: '/totp/enable',
    summary: 'Confirm TOTP enrolment with a code from the app (ends the user’s other sessions)',
    permission: 'authenticated',
    allowPendingPasswordChange: true,
    audit: 'auth.totpEnable',
    body: totpEnableBody,
    response: okResponse,
    handler: async (ctx, { body }) => {
      await auth.totpEnable(ctx, body.code);
      return { ok: true as const };
    },
  }),
  route({
    method: 'POST',
    url: '/totp/disable',
    summary: 'Turn TOTP off (password and a current code; not while a role requires it)',
    permission: 'authenticated',
    audit: 'auth.totpDisable',
    body: totpDisableBody,
    response: okResponse,
    handler: async (ctx, { body }) => {
      await auth.totpDisable(ctx, body.password, body.code);
      return { ok: true as const };
    },
  }),
];
