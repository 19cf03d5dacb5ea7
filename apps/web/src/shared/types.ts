import type {
  auditEntry,
  department,
  dictItem,
  dictType,
  holiday,
  industry,
  loginLogEntry,
  region,
  role,
  settings,
  user,
} from '@beizeng/contract';
import type { z } from 'zod';

export type { Me } from '@beizeng/contract';
export type User = z.infer<typeof user>;
export type Role = z.infer<typeof role>;
export type Department = z.infer<typeof department>;
export type DictType = z.infer<typeof dictType>;
export type DictItem = z.infer<typeof dictItem>;
export type Holiday = z.infer<typeof holiday>;
export type Region = z.infer<typeof region>;
export type Industry = z.infer<typeof industry>;
export type AuditEntry = z.infer<typeof auditEntry>;
export type LoginLogEntry = z.infer<typeof loginLogEntry>;
export type Settings = z.infer<typeof settings>;

export interface EnterpriseOption {
  id: number;
  name: string;
  uscc: string | null;
  regionCode: string | null;
  regionName: string | null;
}

export type Locale = 'zh-CN' | 'en';
