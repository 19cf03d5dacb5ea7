import { ALL_PERMISSIONS } from '@beizeng/contract';
import { describe, expect, it } from 'vitest';
import { leafCodes } from './PermissionTree';

describe('permission tree', () => {
  it('keeps leaf codes only (parents the tree reports as checked are dropped)', () => {
    expect(leafCodes(['system', 'system:user', 'system:user:list', 'system:user:edit', 'pii:view'])).toEqual([
      'system:user:list',
      'system:user:edit',
      'pii:view',
    ]);
  });
  it('knows every grantable permission', () => {
    expect(leafCodes([...ALL_PERMISSIONS])).toHaveLength(ALL_PERMISSIONS.length);
  });
});
