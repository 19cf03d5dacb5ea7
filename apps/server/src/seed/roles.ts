import { ALL_PERMISSIONS, type DataScope, ROLE_LABELS, type RoleCode } from '@beizeng/contract';

const READ_BASE = ['system:calendar:list', 'system:dict:list'];

/** The seven built-in roles with their default permissions and data scope (admins may edit them). */
export const ROLE_SEED: { code: RoleCode; dataScope: DataScope; permissions: string[] }[] = [
  { code: 'admin', dataScope: 'all', permissions: [...ALL_PERMISSIONS] },
  {
    code: 'leader',
    dataScope: 'region',
    permissions: [
      ...READ_BASE,
      'cockpit:view',
      'enterprise:list',
      'cultivation:list',
      'honour:list',
      'project:list',
      'lead:list',
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
      ...READ_BASE,
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
      'lead:list',
      'ticket:list',
      'ticket:edit',
      'ticket:escalate',
    ],
  },
  {
    code: 'investment',
    dataScope: 'region',
    permissions: [
      ...READ_BASE,
      'enterprise:list',
      'enterprise:edit',
      'honour:list',
      'project:list',
      'lead:list',
      'lead:edit',
    ],
  },
  { code: 'department', dataScope: 'department', permissions: [...READ_BASE, 'ticket:list', 'ticket:edit'] },
  {
    code: 'enterprise',
    dataScope: 'enterprise',
    permissions: ['enterprise:list', 'indicator:report', 'honour:list', 'ticket:list', 'ticket:edit'],
  },
  {
    code: 'supervisor',
    dataScope: 'all',
    permissions: [
      ...READ_BASE,
      'cockpit:view',
      'enterprise:list',
      'cultivation:list',
      'honour:list',
      'project:list',
      'lead:list',
      'ticket:list',
      'ticket:supervise',
      'audit:list',
      'system:region:list',
    ],
  },
];

export const roleName = (code: RoleCode) => ROLE_LABELS[code];
