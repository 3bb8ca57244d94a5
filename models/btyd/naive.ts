/** The naive same-rate baseline: a customer keeps buying at the rate seen in calibration. */
import type { RfmRow } from './types';

/** Expected transactions in the next t time units at the calibration rate, x * t / T (0 when T = 0). */
export function naiveSameRate(t: number, row: RfmRow): number {
  return row.T > 0 ? (row.x * t) / row.T : 0;
}
