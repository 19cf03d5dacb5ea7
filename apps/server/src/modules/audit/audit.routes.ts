import { auditEntry, auditQuery, loginLogEntry, loginLogQuery, page } from '@beizeng/contract';
import { sendXlsx } from '../../core/excel';
import { route } from '../../core/http';
import * as svc from './audit.service';

const json = (v: unknown) => (v == null ? '' : JSON.stringify(v).slice(0, 32_000));

export const auditRoutes = [
  route({
    method: 'GET',
    url: '/logs',
    summary: 'Audit log (every write: who, when, what, before/after)',
    permission: 'audit:list',
    query: auditQuery,
    response: page(auditEntry),
    handler: (ctx, { query }) => svc.listAudit(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/logs/export',
    summary: 'Export the filtered audit log (xlsx)',
    permission: 'audit:export',
    query: auditQuery,
    raw: true,
    handler: (ctx, { query }) =>
      sendXlsx(
        ctx.reply,
        '操作日志.xlsx',
        'audit',
        [
          { header: '时间', key: 'at', width: 24, value: (r) => r.at },
          { header: '用户', key: 'username', value: (r) => r.username },
          { header: 'IP', key: 'ip', value: (r) => r.ip },
          { header: '模块', key: 'module', value: (r) => r.module },
          { header: '操作', key: 'action', value: (r) => r.action },
          { header: '对象', key: 'entity', value: (r) => r.entity },
          { header: '对象ID', key: 'entityId', value: (r) => r.entityId },
          { header: '修改前', key: 'before', width: 60, value: (r) => json(r.before) },
          { header: '修改后', key: 'after', width: 60, value: (r) => json(r.after) },
          { header: '请求ID', key: 'requestId', width: 38, value: (r) => r.requestId },
        ],
        svc.exportAudit(ctx, query),
      ),
  }),
  route({
    method: 'GET',
    url: '/logins',
    summary: 'Login log (every attempt, with IP and user agent)',
    permission: 'audit:login:list',
    query: loginLogQuery,
    response: page(loginLogEntry),
    handler: (ctx, { query }) => svc.listLogins(ctx, query),
  }),
  route({
    method: 'GET',
    url: '/logins/export',
    summary: 'Export the filtered login log (xlsx)',
    permission: 'audit:login:export',
    query: loginLogQuery,
    raw: true,
    handler: (ctx, { query }) =>
      sendXlsx(
        ctx.reply,
        '登录日志.xlsx',
        'logins',
        [
          { header: '时间', key: 'at', width: 24, value: (r) => r.at },
          { header: '用户名', key: 'username', value: (r) => r.username },
          { header: '结果', key: 'success', value: (r) => (r.success ? '成功' : '失败') },
          { header: '原因', key: 'reason', value: (r) => r.reason },
          { header: 'IP', key: 'ip', value: (r) => r.ip },
          { header: '浏览器', key: 'ua', width: 60, value: (r) => r.userAgent },
        ],
        svc.exportLogins(ctx, query),
      ),
  }),
];
