import { settings, settingsUpdate } from '@beizeng/contract';
import { route } from '../../core/http';
import * as svc from './settings.service';

export const settingsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary: 'System settings',
    permission: 'system:setting:list',
    response: settings,
    handler: (ctx) => svc.readSettings(ctx.db),
  }),
  route({
    method: 'PUT',
    url: '/',
    summary: 'Change system settings (audit retention at least 190 days)',
    permission: 'system:setting:edit',
    audit: 'settings.update',
    body: settingsUpdate,
    response: settings,
    handler: (ctx, { body }) => svc.updateSettings(ctx, body),
  }),
];
