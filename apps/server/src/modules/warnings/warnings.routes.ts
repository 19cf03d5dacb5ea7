import { z } from 'zod';
import { route } from '../../core/http';
import { warnings } from '../cockpit/cockpit.service';

export const warningsRoutes = [
  route({
    method: 'GET',
    url: '/',
    summary:
      'Warning rules with the rows each found (red projects, overdue tickets, falling candidates, expiring honours, untouched leads, missing reports)',
    permission: 'cockpit:view',
    response: z.object({
      items: z.array(
        z.object({
          rule: z.string(),
          zh: z.string(),
          en: z.string(),
          count: z.number().int(),
          items: z.array(
            z.object({ id: z.number().int(), name: z.string(), link: z.string(), detail: z.string().nullable() }),
          ),
        }),
      ),
    }),
    handler: (ctx) => warnings(ctx),
  }),
];
