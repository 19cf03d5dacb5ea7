import type { visit } from '@beizeng/contract';
import type { z } from 'zod';

export const VISITS_KEY = 'visits';
export type Visit = z.infer<typeof visit>;
