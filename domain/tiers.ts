/** Value tiers: customers ranked by predicted value and cut into high / mid / low. */

export const TIERS = ['high', 'mid', 'low'] as const;
export type Tier = (typeof TIERS)[number];

/** Shares of customers per tier, in percent, top first; default 20 / 30 / 50. */
export interface TierCut {
  high: number;
  mid: number;
  low: number;
}

export const DEFAULT_TIER_CUT: TierCut = { high: 20, mid: 30, low: 50 };

export class TierCutError extends Error {
  readonly code = 'TIER_CUT_INVALID';
  constructor(input: unknown, why: string) {
    super(`tier cut ${JSON.stringify(input)} is invalid: ${why}`);
    this.name = 'TierCutError';
  }
}

/** Parses "20,30,50" (or an object) into a validated cut whose shares sum to 100. */
export function parseTierCut(input: string | Partial<TierCut> | undefined): TierCut {
  if (input === undefined) return DEFAULT_TIER_CUT;
  let cut: TierCut;
  if (typeof input === 'string') {
    const parts = input.split(/[,/ ]+/).filter(Boolean).map(Number);
    if (parts.length !== 3) throw new TierCutError(input, 'expected three percentages, e.g. 20,30,50');
    cut = { high: parts[0], mid: parts[1], low: parts[2] };
  } else {
    cut = { ...DEFAULT_TIER_CUT, ...input };
  }
  for (const t of TIERS) {
    if (!Number.isFinite(cut[t]) || cut[t] < 0) throw new TierCutError(input, `${t} must be a non-negative number`);
  }
  const total = cut.high + cut.mid + cut.low;
  if (Math.abs(total - 100) > 1e-9) throw new TierCutError(input, `shares sum to ${total}, not 100`);
  return cut;
}

export interface RankedCustomer {
  customerId: string;
  predictedValue: number;
}

/**
 * Assigns tiers by predicted value, highest first. Ties are broken by customer id so the cut is
 * deterministic; the number in each tier is round(share * n), the remainder going to low.
 */
export function assignTiers<T extends RankedCustomer>(customers: readonly T[], cut: TierCut = DEFAULT_TIER_CUT): (T & { tier: Tier; rank: number })[] {
  const sorted = [...customers].sort(
    (a, b) => b.predictedValue - a.predictedValue || (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
  );
  const n = sorted.length;
  const nHigh = Math.round((cut.high / 100) * n);
  const nMid = Math.round(((cut.high + cut.mid) / 100) * n) - nHigh;
  return sorted.map((c, i) => ({ ...c, rank: i + 1, tier: i < nHigh ? 'high' : i < nHigh + nMid ? 'mid' : 'low' }));
}
