import { ALL_PERMISSIONS, type DataScope, ROLE_LABELS, type RoleCode } from '@beizeng/contract';

/**
 * The seven built-in roles with their default permissions and data scope (admins may edit them). */
export const ROLE_SEED: { code: RoleCode; dataScope: DataScope; permissions: string[] }[] = [
  { code: 'admin', dataScope: 'all', permissions: [...ALL_PERMISSIONS] },
  {
    code: 'leader',
    dataScope: 'region',
    permissions: [
      'cockpit:view',
      'enterprise:list',
      'cultivation:list',
      'honour:list',
      'project:list',
      'lead:list',
      'assignment:edit',
      'visit:list',
      'ticket:list',
      'ticket:supervise',
      'pii:view',
      'system:region:list',
    ],
  },
  {
    code: 'cadre',
    dataScope: 'region',
    permissions: [
      'enterprise:list',
      'enterprise:edit',
      'enterprise:import',
      'indicator:report',
      'indicator:confirm',
      'cultivation:list',
      'cultivation:edit',
      'honour:list',
      'honour:edit',
      'project:list',
      'project:report',
      'lead:list',
      'visit:list',
      'visit:edit',
      'ticket:list',
      'ticket:edit',
      'ticket:escalate',
    ],
  },
  {
    code: 'investment',
    dataScope: 'region',
    permissions: [
      'enterprise:list',
      'enterprise:edit',
      'honour:list',
      'project:list',
      'project:edit',
      'project:report',
      'lead:list',
      'lead:edit',
      'lead:plan',
    ],
  },
  {
    code: 'department',
    dataScope: 'department',
    permissions: ['project:list', 'project:report', 'visit:list', 'visit:edit', 'ticket:list', 'ticket:edit'],
  },
  {
    code: 'enterprise',
    dataScope: 'enterprise',
    permissions: ['enterprise:list', 'indicator:report', 'honour:list', 'ticket:list', 'ticket:edit'],
  },
  {
    code: 'supervisor',
    dataScope: 'all',
    permissions: [
      'cockpit:view',
      'enterprise:list',
      'cultivation:list',
      'honour:list',
      'project:list',
      'lead:list',
      'visit:list',
      'ticket:list',
      'ticket:supervise',
      'audit:list',
      'system:region:list',
    ],
  },
];

export const roleName = (code: RoleCode) => ROLE_LABELS[code];
