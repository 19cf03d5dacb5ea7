/** Roles, data scopes and the permission tree. Permission strings are `<module>:<action>`. */
export const ROLE_CODES = ['admin', 'leader', 'cadre', 'investment', 'department', 'enterprise', 'supervisor'] as const;
export type RoleCode = (typeof ROLE_CODES)[number];

/** Data scope kinds, widest first. */
export const DATA_SCOPES = ['all', 'region', 'department', 'enterprise', 'self'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export interface PermissionNode {
  code: string;
  zh: string;
  en: string;
  children?: PermissionNode[];
}

export const PERMISSION_TREE: PermissionNode[] = [
  {
    code: 'system',
    zh: '系统管理',
    en: 'System',
    children: [
      {
        code: 'system:user',
        zh: '用户管理',
        en: 'Users',
        children: [
          { code: 'system:user:list', zh: '查看用户', en: 'View users' },
          { code: 'system:user:edit', zh: '新增/编辑/停用用户', en: 'Create, edit, disable users' },
          { code: 'system:user:reset', zh: '重置密码', en: 'Reset passwords' },
        ],
      },
      {
        code: 'system:role',
        zh: '角色管理',
        en: 'Roles',
        children: [
          { code: 'system:role:list', zh: '查看角色', en: 'View roles' },
          { code: 'system:role:edit', zh: '编辑角色与权限', en: 'Edit roles and permissions' },
        ],
      },
      {
        code: 'system:dept',
        zh: '部门管理',
        en: 'Departments',
        children: [
          { code: 'system:dept:list', zh: '查看部门', en: 'View departments' },
          { code: 'system:dept:edit', zh: '编辑部门', en: 'Edit departments' },
        ],
      },
      {
        code: 'system:dict',
        zh: '数据字典',
        en: 'Dictionaries',
        children: [
          { code: 'system:dict:list', zh: '查看字典', en: 'View dictionaries' },
          { code: 'system:dict:edit', zh: '编辑字典', en: 'Edit dictionaries' },
        ],
      },
      {
        code: 'system:calendar',
        zh: '节假日日历',
        en: 'Holiday calendar',
        children: [
          { code: 'system:calendar:list', zh: '查看日历', en: 'View calendar' },
          { code: 'system:calendar:edit', zh: '编辑节假日与调休', en: 'Edit holidays and make-up days' },
        ],
      },
      { code: 'system:region:list', zh: '行政区划', en: 'Region tree' },
      { code: 'system:industry:list', zh: '国民经济行业分类', en: 'Industry classification' },
      {
        code: 'system:setting',
        zh: '系统设置',
        en: 'Settings',
        children: [
          { code: 'system:setting:list', zh: '查看设置', en: 'View settings' },
          { code: 'system:setting:edit', zh: '修改设置', en: 'Change settings' },
        ],
      },
    ],
  },
  {
    code: 'audit',
    zh: '审计日志',
    en: 'Audit',
    children: [
      { code: 'audit:list', zh: '查看操作日志', en: 'View audit log' },
      { code: 'audit:export', zh: '导出操作日志', en: 'Export audit log' },
      { code: 'audit:login:list', zh: '查看登录日志', en: 'View login log' },
      { code: 'audit:login:export', zh: '导出登录日志', en: 'Export login log' },
    ],
  },
  { code: 'pii:view', zh: '查看完整手机号等个人信息', en: 'View unmasked personal data' },
  {
    code: 'enterprise',
    zh: '企业培育',
    en: 'Enterprises',
    children: [
      { code: 'enterprise:list', zh: '查看企业', en: 'View enterprises' },
      { code: 'enterprise:edit', zh: '新增/编辑企业', en: 'Create and edit enterprises' },
      { code: 'enterprise:delete', zh: '删除企业', en: 'Delete enterprises' },
      { code: 'enterprise:import', zh: '导入企业与指标', en: 'Import enterprises and indicators' },
      { code: 'enterprise:override', zh: '信用代码校验例外放行', en: 'Override a failed USCC check' },
      { code: 'indicator:report', zh: '填报月度指标', en: 'Report monthly indicators' },
      { code: 'indicator:confirm', zh: '确认企业自报指标', en: 'Confirm self-reported indicators' },
      { code: 'cultivation:list', zh: '升规雷达与培育库', en: 'Register radar and cultivation pool' },
      { code: 'cultivation:edit', zh: '维护培育库与入库标准', en: 'Edit the pool and thresholds' },
      { code: 'honour:list', zh: '查看荣誉', en: 'View honours' },
      { code: 'honour:edit', zh: '维护荣誉与梯度库', en: 'Edit honours and pools' },
    ],
  },
  {
    code: 'project',
    zh: '项目调度',
    en: 'Projects',
    children: [
      { code: 'project:list', zh: '查看项目', en: 'View projects' },
      { code: 'project:edit', zh: '登记与编辑项目', en: 'Register and edit projects' },
      { code: 'project:report', zh: '调度填报（进度、投资、节点）', en: 'Report progress, investment and nodes' },
    ],
  },
  {
    code: 'lead',
    zh: '招商引资',
    en: 'Investment leads',
    children: [
      { code: 'lead:list', zh: '查看线索', en: 'View leads' },
      { code: 'lead:edit', zh: '登记与跟进线索', en: 'Register and follow leads' },
      { code: 'lead:plan', zh: '制定招商引资方案', en: 'Edit the annual investment plan' },
    ],
  },
  {
    code: 'ticket',
    zh: '助企服务',
    en: 'Service',
    children: [
      { code: 'assignment:edit', zh: '安排帮包与移交', en: 'Pair cadres and hand over' },
      { code: 'visit:list', zh: '查看走访', en: 'View visits' },
      { code: 'visit:edit', zh: '登记走访', en: 'Record visits' },
      { code: 'ticket:list', zh: '查看诉求', en: 'View tickets' },
      { code: 'ticket:edit', zh: '登记与办理诉求', en: 'Register and handle tickets' },
      { code: 'ticket:escalate', zh: '提级交办', en: 'Escalate tickets' },
      { code: 'ticket:supervise', zh: '督办', en: 'Issue supervision orders' },
    ],
  },
  {
    code: 'cockpit',
    zh: '驾驶舱',
    en: 'Cockpit',
    children: [
      { code: 'cockpit:view', zh: '查看驾驶舱与预警', en: 'View the cockpit and warnings' },
      { code: 'target:edit', zh: '设定目标与倍增计划', en: 'Set targets and the doubling plan' },
    ],
  },
];

function leaves(nodes: PermissionNode[]): string[] {
  return nodes.flatMap((n) => (n.children ? leaves(n.children) : [n.code]));
}

/** Every grantable permission (the leaves of the tree). */
export const ALL_PERMISSIONS: readonly string[] = leaves(PERMISSION_TREE);

export const ROLE_LABELS: Record<RoleCode, { zh: string; en: string }> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  leader: { zh: '领导', en: 'Leader' },
  cadre: { zh: '帮包干部', en: 'Liaison cadre' },
  investment: { zh: '招商专员', en: 'Investment officer' },
  department: { zh: '部门', en: 'Department' },
  enterprise: { zh: '企业用户', en: 'Enterprise user' },
  supervisor: { zh: '督查', en: 'Supervisor' },
};

/** Phone numbers are shown as 138****1234 unless the viewer holds pii:view. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return phone ?? null;
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
