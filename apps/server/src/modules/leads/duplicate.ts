import { normaliseName } from '../enterprises/search';

/** Investor/project name for comparison: normalised, without the common company-form suffixes. */
export function dealKey(s: string): string {
  return normaliseName(s).replace(/(股份有限公司|有限责任公司|有限公司|集团|公司|项目)$/g, '');
}

/**
 * The same deal signed again (at another event): same investor and project (normalised) and an amount
 * within 20% of the earlier one.
 */
export function isDuplicateSigning(
  a: { investor: string; project: string; amount: number },
  b: { investor: string; project: string; amount: number },
): boolean {
  if (dealKey(a.investor) !== dealKey(b.investor)) return false;
  if (dealKey(a.project) !== dealKey(b.project)) return false;
  const hi = Math.max(a.amount, b.amount);
  const lo = Math.min(a.amount, b.amount);
  return hi === 0 || (hi - lo) / hi <= 0.2;
}
