import { dictItem, dictItemCreate, dictItemUpdate, dictType, dictTypeCreate, idParam } from '@beizeng/contract';
import { z } from 'zod';
import { route } from '../../core/http';
import * as svc from './dicts.service';

const codeParam = z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,47}$/) });

export const dictsRoutes = [
  route({
    method: 'GET',
    url: '/all',
    summary: 'All active dictionary items by type (for tags and selects)',
    permission: 'authenticated',
    response: z.record(z.string(), z.array(dictItem)),
    handler: (ctx) => svc.allItems(ctx),
  }),
  route({
    method: 'GET',
    url: '/types',
    summary: 'Dictionary types',
    permission: 'system:dict:list',
    response: z.object({ items: z.array(dictType) }),
    handler: (ctx) => svc.listTypes(ctx),
  }),
  route({
    method: 'POST',
    url: '/types',
    summary: 'Create a dictionary type',
    permission: 'system:dict:edit',
    audit: 'dicts.createType',
    body: dictTypeCreate,
    response: dictType,
    handler: (ctx, { body }) => svc.createType(ctx, body),
  }),
  route({
    method: 'GET',
    url: '/types/:code/items',
    summary: 'Items of a dictionary type, including disabled ones',
    permission: 'system:dict:list',
    params: codeParam,
    response: z.object({ items: z.array(dictItem) }),
    handler: (ctx, { params }) => svc.listItems(ctx, params.code),
  }),
  route({
    method: 'POST',
    url: '/types/:code/items',
    summary: 'Add an item to a dictionary',
    permission: 'system:dict:edit',
    audit: 'dicts.createItem',
    params: codeParam,
    body: dictItemCreate,
    response: dictItem,
    handler: (ctx, { params, body }) => svc.createItem(ctx, params.code, body),
  }),
  route({
    method: 'PUT',
    url: '/items/:id',
    summary: 'Update a dictionary item (label, colour, order, status)',
    permission: 'system:dict:edit',
    audit: 'dicts.updateItem',
    params: idParam,
    body: dictItemUpdate,
    response: dictItem,
    handler: (ctx, { params, body }) => svc.updateItem(ctx, params.id, body),
  }),
];
