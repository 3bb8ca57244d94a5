/**
 * Every distribution and parameter of the synthetic e-commerce world, in one JSON-able constant.
 * The code reads its numbers only from here and the manifest copies it verbatim, so the README,
 * the manifest and the behaviour cannot drift apart. Rates are per year unless named otherwise.
 */

export const MODEL = {
  /**
   * Latent customer types. Each customer draws a segment from `share`, then:
   * - purchase rate lambda ~ Gamma(shape = rateShape, mean = rateMean) orders/year (Pareto/NBD heterogeneity);
   * - lifetime ~ Exponential(dropout rate mu), mu ~ Gamma(shape = dropoutShape, mean = dropoutMean) per year;
   * - after every order the customer also quits with probability dropoutProb x experience.churnMult[rating]
   *   (the BG/NBD-style coin);
   * - the customer's median order value ~ Lognormal(log(spendMedian), spendCustomerSigma), and each order's
   *   target value ~ Lognormal(log(that median), spendOrderSigma) (heavy tail: a few whales);
   * - with probability firstOrderProb a welcome order follows the first visit.
   */
  segments: {
    occasional: { share: 0.58, rateShape: 0.9, rateMean: 1.0, dropoutShape: 1.5, dropoutMean: 1.2, dropoutProb: 0.25, spendMedian: 28, spendCustomerSigma: 0.45, spendOrderSigma: 0.5, firstOrderProb: 0.35 },
    regular: { share: 0.28, rateShape: 1.0, rateMean: 3.0, dropoutShape: 1.5, dropoutMean: 0.6, dropoutProb: 0.12, spendMedian: 42, spendCustomerSigma: 0.5, spendOrderSigma: 0.5, firstOrderProb: 0.6 },
    loyal: { share: 0.11, rateShape: 1.2, rateMean: 8.0, dropoutShape: 2.0, dropoutMean: 0.3, dropoutProb: 0.04, spendMedian: 50, spendCustomerSigma: 0.5, spendOrderSigma: 0.55, firstOrderProb: 0.8 },
    whale: { share: 0.03, rateShape: 1.2, rateMean: 6.0, dropoutShape: 2.0, dropoutMean: 0.35, dropoutProb: 0.05, spendMedian: 220, spendCustomerSigma: 0.6, spendOrderSigma: 0.75, firstOrderProb: 0.75 },
  },
  /** Welcome order delay after the first visit: 10 minutes + Exponential(mean) days. */
  firstOrderDelayDays: 1.5,
  /**
   * Per-order experience: z = satisfactionWeight * s + qualityWeight * q + noiseSigma * N(0,1), where
   * s ~ N(0,1) is the customer's latent satisfaction and q ~ N(0,1) the product's latent quality;
   * the rating is 1 + the number of `thresholds` below z (a J-shaped 11/5/9/20/55 % split).
   * The rating of the last order then multiplies the customer's purchase rate (rateMult), next order
   * values (spendMult) and per-order quit probability (churnMult); index 0 is rating 1.
   */
  experience: {
    satisfactionWeight: 0.6,
    qualityWeight: 0.4,
    noiseSigma: 0.7,
    thresholds: [-1.23, -0.99, -0.67, -0.13],
    rateMult: [0.5, 0.7, 0.9, 1.0, 1.1],
    spendMult: [0.6, 0.75, 0.95, 1.0, 1.05],
    churnMult: [4.0, 2.5, 1.3, 0.9, 0.7],
  },
  /**
   * Reviews: an order is reviewed with probability reviewProb[rating - 1]; the review is written
   * deliveryDays ~ Gamma(shape, mean) + Exponential(writeDelayMeanDays) after the order and kept only
   * if that is before the end of the period. Text is built from rating-specific phrase lists.
   */
  reviews: {
    reviewProb: [0.3, 0.22, 0.14, 0.14, 0.2],
    deliveryShape: 4,
    deliveryMeanDays: 4,
    writeDelayMeanDays: 3,
    language: 'en',
  },
  /**
   * Baskets: lines are added until the order's target value is reached (at most maxLines); a product is
   * drawn from one of the customer's 1..3 favourite categories with probability affinityProb, else
   * from the whole catalogue, by Zipf popularity; a product dearer than 1.3x the remaining budget is
   * redrawn up to priceRetries times. Quantity is 1, or with probability multiQuantityProb
   * 1 + min(4, floor(remaining / price) - 1).
   */
  baskets: { maxLines: 10, affinityProb: 0.7, priceRetries: 3, multiQuantityProb: 0.25, favouriteCategories: [0.5, 0.35, 0.15] },
  /**
   * Catalogue: category of each product ~ categoryShare, list price ~ Lognormal(log(median), sigma) per
   * category (rounded to .99 / .49 endings), popularity ~ Zipf(exponent) over a random permutation of
   * ranks, latent quality ~ N(0,1). Default size: clamp(customers / customersPerProduct, min, max).
   */
  catalogue: {
    zipfExponent: 1.05,
    customersPerProduct: 20,
    minProducts: 100,
    maxProducts: 50000,
    categories: {
      electronics: { share: 0.12, priceMedian: 90, priceSigma: 0.8 },
      fashion: { share: 0.18, priceMedian: 35, priceSigma: 0.55 },
      home: { share: 0.14, priceMedian: 40, priceSigma: 0.7 },
      beauty: { share: 0.1, priceMedian: 18, priceSigma: 0.5 },
      books: { share: 0.09, priceMedian: 14, priceSigma: 0.35 },
      sports: { share: 0.09, priceMedian: 38, priceSigma: 0.65 },
      toys: { share: 0.08, priceMedian: 24, priceSigma: 0.6 },
      grocery: { share: 0.08, priceMedian: 7, priceSigma: 0.5 },
      garden: { share: 0.07, priceMedian: 30, priceSigma: 0.7 },
      jewellery: { share: 0.05, priceMedian: 75, priceSigma: 0.9 },
    },
  },
  /** Prices: on ordinary days a line is discounted by `discount` with probability `prob`; per day kind. */
  promotions: {
    normal: { prob: 0.08, discount: 0.1 },
    holiday: { prob: 0.2, discount: 0.15 },
    blackFriday: { prob: 0.6, discount: 0.25 },
    lull: { prob: 0.1, discount: 0.1 },
    januarySale: { prob: 0.4, discount: 0.2 },
  },
  /**
   * Purchase and browsing intensity multiplier m(t) = day(t) * hour(local hour) on top of each
   * customer's rate (thinning of a Poisson process), with
   * day = (1 + yearlyAmplitude * cos(2 pi (dayOfYear - yearlyPeakDay) / 365.25)) * weekday[local weekday, Mon=0]
   *       * dayKind multiplier (holiday = Nov 1..Dec 22, blackFriday = Black Friday..Cyber Monday,
   *         lull = Dec 23..26, januarySale = Jan 2..14).
   */
  seasonality: {
    yearlyAmplitude: 0.1,
    yearlyPeakDay: 350,
    weekday: [1.05, 1.0, 0.98, 0.97, 0.92, 0.95, 1.13],
    dayKind: { normal: 1.0, holiday: 1.35, blackFriday: 2.0, lull: 0.7, januarySale: 1.15 },
    /** Relative activity by local hour 0..23 (evening peak). */
    hour: [0.35, 0.2, 0.12, 0.08, 0.07, 0.1, 0.2, 0.4, 0.6, 0.75, 0.85, 0.9, 1.0, 0.95, 0.9, 0.9, 0.95, 1.0, 1.1, 1.25, 1.4, 1.45, 1.2, 0.7],
  },
  /**
   * Acquisition: first visits follow an inhomogeneous Poisson process with intensity
   * (1 + growth * elapsed fraction of the period) * day(t)^acquisitionPeakPower * hour mix (UTC,
   * weighted over the countries' offsets); the n arrival times are drawn as sorted order statistics, so
   * customer ids ascend with first_seen.
   */
  acquisition: { growth: 0.5, acquisitionPeakPower: 1.3 },
  /**
   * Browsing, in sessions: a first-visit session at first_seen; background sessions as a Poisson process
   * with rate browseRate * m(t) while alive, browseRate = (browseBase + browsePerOrderRate * lambda) *
   * Gamma(browseShape, 1 / browseShape) per year; before each order Poisson(researchMean) research
   * sessions at order time - Exponential(researchMeanDays); after churn Poisson(browseRate * fadeDays /
   * 365.25) sessions at churn + Exponential(fadeDays). All session counts scale with the browse scale
   * (1 unless eventsPerCustomer is given, then calibrated on a pilot sample).
   */
  browsing: { browseBase: 4, browsePerOrderRate: 6, browseShape: 2, researchMean: 2, researchMeanDays: 2.5, fadeDays: 30 },
  /**
   * Inside a session: a search first with probability searchProb (its views come from one category),
   * 1 + Geometric(extraViewsMean) views; each view carts with cartProb and favourites with favouriteProb;
   * a mid-session search with midSearchProb; gaps between events 1 s + Exponential(gapMeanSeconds).
   * Research sessions view a product of the coming order with probability researchHitProb. A purchase
   * session adds, per order line, view (+ cart) of the product and ends with one purchase event per line.
   */
  sessions: { searchProb: 0.35, extraViewsMean: 4, cartProb: 0.06, favouriteProb: 0.04, midSearchProb: 0.1, gapMeanSeconds: 45, researchHitProb: 0.4, sessionCategoryAffinityProb: 0.75, categoryViewProb: 0.7, purchaseExtraViewsMean: 1.5 },
  /** Customer attributes: email consent probability, and SMS consent given email / no email consent. */
  consent: { email: 0.62, smsGivenEmail: 0.38, smsGivenNoEmail: 0.08 },
  /** Countries with weights and IANA time zones; offsets are standard time (no DST) in hours. */
  countries: [
    { code: 'US', timeZone: 'America/New_York', offsetHours: -5, weight: 0.16 },
    { code: 'US', timeZone: 'America/Chicago', offsetHours: -6, weight: 0.07 },
    { code: 'US', timeZone: 'America/Denver', offsetHours: -7, weight: 0.02 },
    { code: 'US', timeZone: 'America/Los_Angeles', offsetHours: -8, weight: 0.07 },
    { code: 'GB', timeZone: 'Europe/London', offsetHours: 0, weight: 0.14 },
    { code: 'DE', timeZone: 'Europe/Berlin', offsetHours: 1, weight: 0.12 },
    { code: 'FR', timeZone: 'Europe/Paris', offsetHours: 1, weight: 0.08 },
    { code: 'NL', timeZone: 'Europe/Amsterdam', offsetHours: 1, weight: 0.04 },
    { code: 'ES', timeZone: 'Europe/Madrid', offsetHours: 1, weight: 0.05 },
    { code: 'IT', timeZone: 'Europe/Rome', offsetHours: 1, weight: 0.05 },
    { code: 'SE', timeZone: 'Europe/Stockholm', offsetHours: 1, weight: 0.03 },
    { code: 'IE', timeZone: 'Europe/Dublin', offsetHours: 0, weight: 0.02 },
    { code: 'CA', timeZone: 'America/Toronto', offsetHours: -5, weight: 0.04 },
    { code: 'AU', timeZone: 'Australia/Sydney', offsetHours: 10, weight: 0.04 },
    { code: 'JP', timeZone: 'Asia/Tokyo', offsetHours: 9, weight: 0.03 },
    { code: 'BR', timeZone: 'America/Sao_Paulo', offsetHours: -3, weight: 0.04 },
  ],
} as const;

export type Model = typeof MODEL;
export type SegmentName = keyof Model['segments'];
export const SEGMENT_NAMES = Object.keys(MODEL.segments) as SegmentName[];
export const SEGMENTS = SEGMENT_NAMES.map((name) => ({ name, ...MODEL.segments[name] }));

export type CategoryName = keyof Model['catalogue']['categories'];
export const CATEGORY_NAMES = Object.keys(MODEL.catalogue.categories) as CategoryName[];

export const DAY_KINDS = ['normal', 'holiday', 'blackFriday', 'lull', 'januarySale'] as const;
export type DayKind = (typeof DAY_KINDS)[number];
