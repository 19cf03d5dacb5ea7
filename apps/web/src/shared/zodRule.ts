import type { Rule } from 'antd/es/form';
import type { ZodType } from 'zod';
import { localizeMessage } from './feedback';

/**
 * An antd Form rule from a contract zod schema: the form checks exactly what the server will check.
 * Empty values pass (use `required` for those). `message` replaces zod's English default text.
 */
export function zodRule(schema: ZodType, message?: string): Rule {
  return {
    validator: async (_rule, value) => {
      if (value === undefined || value === null || value === '') return;
      const r = schema.safeParse(value);
      if (!r.success) throw new Error(message ?? localizeMessage(r.error.issues[0]?.message ?? 'invalid'));
    },
  };
}

/** A random password that satisfies the rule (upper, lower, digit, symbol; no look-alike characters). */
export function generatePassword(length = 14): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=?!'];
  const all = sets.join('');
  const rnd = (n: number) => {
    const a = new Uint32Array(1);
    crypto.getRandomValues(a);
    return a[0] % n;
  };
  const chars = sets.map((s) => s[rnd(s.length)]);
  while (chars.length < length) chars.push(all[rnd(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = rnd(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
