import { Grid } from 'antd';

/** Phone width (< 768 px, antd's `md` breakpoint). */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

/** On a phone a column fixed to the right would cover most of the table: let it scroll with the rest. */
export function unfixOnMobile<C extends { fixed?: unknown }>(columns: C[], isMobile: boolean): C[] {
  return isMobile ? columns.map((c) => (c.fixed ? { ...c, fixed: undefined } : c)) : columns;
}
