import { Grid } from 'antd';

/** Phone width (below antd's md, 768px): menu in a drawer, cards instead of tables. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined; assume desktop.
  return screens.md === false;
}
