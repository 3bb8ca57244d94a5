/**
 * Cleaning rules, in the order they run. None deletes a row: each sets a flag (or a link) on the stored
 * row, so every decision can be inspected and reversed from the raw source line; counts per rule are
 * written to cleaning_rules on every run.
 */

export const CLEANING_RULES = {
  'resolve-order-context': 'Order lines without customer or time take them from their order header; per-order customer aliases (Olist customer_id) resolve to the real customer (customer_unique_id) in orders, lines and reviews.',
  'missing-customer': 'Lines without a customer id are flagged no_customer: kept for product statistics, left out of customer value (Online Retail: 135,080 lines).',
  'zero-price': 'Purchase lines with unit price 0 are flagged zero_price (samples, promotions, manual adjustments): they add nothing to value but still count as a purchase (CDNOW has 80 $0.00 transactions in its cohort).',
  'negative-price': 'Lines with a negative unit price are flagged negative_price (Online Retail "Adjust bad debt") and left out of value.',
  'non-product': 'Lines whose product code is a fee, postage, discount or manual entry (NON_PRODUCT_CODES) are flagged non_product and left out of value.',
  'cancellation-netting': 'A cancellation (negative quantity or "C" invoice) is linked to the latest earlier purchase of the same customer and product (reverses_line_key); its negative amount nets against that purchase\'s day. Unmatched cancellations (the purchase predates the data) are flagged unmatched_cancellation and left out.',
  'outlier-amount': 'Purchase amounts far above the robust centre are flagged outlier and capped at exp(median + 6 * 1.4826 * MAD) of log amounts; the raw amount stays in amount.',
  'currency': 'Lines in another currency than the dataset\'s main one are flagged other_currency and left out of value (no exchange rates offline); timestamps are UTC from the mapping\'s time zone.',
  'same-day-merge': 'customer_days: a customer\'s net purchases on one UTC day merge into one transaction (the BTYD convention); a day whose purchases were all reversed by cancellations (net not positive) is dropped.',
  'derived-tables': 'customer_activity, product_popularity and sessions (source session ids, else 30-minute inactivity gaps) are rebuilt from the cleaned rows.',
} as const;
export type CleaningRule = keyof typeof CLEANING_RULES;

/** Flags that keep a line out of customer value and transactions (amount_clean = 0, not in customer_days). */
export const EXCLUDING_FLAGS = ['no_customer', 'negative_price', 'non_product', 'unmatched_cancellation', 'other_currency'] as const;

/** Product codes that are not products (Online Retail's fees, postage, manual lines, discounts). */
export const NON_PRODUCT_CODES = ['POST', 'DOT', 'D', 'M', 'm', 'C2', 'CRUK', 'PADS', 'S', 'B', 'BANK CHARGES', 'AMAZONFEE', 'gift_0001_10', 'gift_0001_20', 'gift_0001_30', 'gift_0001_40', 'gift_0001_50'] as const;

/** Outlier cap: this many robust standard deviations (1.4826 * MAD) above the median of log amounts. */
export const OUTLIER_MADS = 6;

/** Inactivity that starts a new inferred session. */
export const SESSION_GAP_MINUTES = 30;
