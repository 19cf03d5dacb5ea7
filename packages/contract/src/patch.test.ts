import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contract from './index';

/** Every `…Update` body schema of the contract: a PATCH must change only what it sends. */
const updates = Object.entries(contract).filter(([name, s]) => /Update$/.test(name) && s instanceof z.ZodObject) as [
  string,
  z.ZodObject,
][];

describe('PATCH bodies', () => {
  it('finds the update schemas', () => {
    expect(updates.map(([n]) => n)).toEqual(
      expect.arrayContaining(['enterpriseUpdate', 'projectUpdate', 'leadUpdate', 'userUpdate', 'roleUpdate']),
    );
  });

  it.each(updates)('%s fills in no default for a field the request leaves out', (_name, schema) => {
    // the smallest body: a version where the schema asks for one, nothing else
    const body = 'version' in schema.shape ? { version: 1 } : {};
    expect(schema.parse(body)).toEqual(body);
  });

  it('an enterprise PATCH with one field keeps tags, facts and register status out of the update', () => {
    const parsed = contract.enterpriseUpdate.parse({ version: 3, note: '新备注' });
    expect(parsed).toEqual({ version: 3, note: '新备注' });
  });
});
