/**
 * One customer's latent parameters and purchase history: segment, Gamma purchase rate, exponential
 * lifetime plus a per-order quit coin, lognormal spend, seasonal Poisson purchases (thinning), order
 * experiences that feed back into rate, spend and churn, and reviews. Pure: a world and a stream in,
 * a CustomerLife out; the history continues past the end to a horizon to give the true future value.
 */
import { SECONDS_PER_DAY, SECONDS_PER_YEAR, type Seasonality } from './calendar';
import { pickProduct, type Catalogue } from './catalogue';
import { MODEL, SEGMENTS } from './model';
import { cumulativeOf, type Rng } from './prng';
import { drawRating, reviewDelaySeconds, reviewText } from './reviews';

/** What every customer simulation shares. */
export interface World {
  /** Observation window [start, end) and the end of the unseen future horizon, in epoch seconds. */
  start: number;
  end: number;
  horizonEnd: number;
  season: Seasonality;
  catalogue: Catalogue;
}

export interface SimLine {
  product: number;
  quantity: number;
  unitCents: number;
}

export interface SimOrder {
  /** Epoch seconds (integer). */
  at: number;
  lines: SimLine[];
  totalCents: number;
  /** The order's experience, 1..5, whether or not it was reviewed. */
  rating: number;
  /** When the review was written, or -1 when there is no review in the window. */
  reviewAt: number;
  reviewText: string;
}

export interface CustomerLife {
  firstSeen: number;
  /** Index into MODEL.countries. */
  country: number;
  /** Index into SEGMENTS. */
  segment: number;
  consentEmail: boolean;
  consentSms: boolean;
  /** Baseline orders per year (lambda). */
  purchaseRate: number;
  /** Exponential lifetime rate per year (mu). */
  dropoutRate: number;
  /** Base probability of quitting right after an order. */
  dropoutProb: number;
  /** End of the exponential lifetime (may lie past the horizon). */
  lifetimeEnd: number;
  /** When the customer actually quit (lifetime end or an order's quit coin); Infinity if not before the horizon end. */
  quitAt: number;
  /** Latent mean order value in currency units: exp(mu + sigma^2 / 2). */
  meanSpend: number;
  spendSigma: number;
  satisfaction: number;
  /** Background sessions per year while alive (before the browse scale). */
  browseRate: number;
  /** Favourite category indices and their cumulative weights. */
  favourites: number[];
  favouriteCumulative: Float64Array;
  /** UTC offset of the customer's time zone, seconds. */
  offsetSec: number;
  /** Orders in the observation window, in time order. */
  orders: SimOrder[];
  futureOrders: number;
  futureSpendCents: number;
}

const SEGMENT_CUMULATIVE = cumulativeOf(SEGMENTS.map((s) => s.share));
const COUNTRY_CUMULATIVE = cumulativeOf(MODEL.countries.map((c) => c.weight));
const FAVOURITE_COUNT_CUMULATIVE = cumulativeOf(MODEL.baskets.favouriteCategories);

/** Simulates one customer who first visits at `firstSeen`, drawing only from `rng`. */
export function simulateLife(world: World, rng: Rng, firstSeen: number): CustomerLife {
  const country = rng.pick(COUNTRY_CUMULATIVE);
  const segment = rng.pick(SEGMENT_CUMULATIVE);
  const seg = SEGMENTS[segment];
  const consentEmail = rng.chance(MODEL.consent.email);
  const consentSms = rng.chance(consentEmail ? MODEL.consent.smsGivenEmail : MODEL.consent.smsGivenNoEmail);
  const purchaseRate = rng.gamma(seg.rateShape, seg.rateMean / seg.rateShape);
  const dropoutRate = rng.gamma(seg.dropoutShape, seg.dropoutMean / seg.dropoutShape);
  const lifetimeEnd = firstSeen + rng.exp(1 / dropoutRate) * SECONDS_PER_YEAR;
  const satisfaction = rng.normal();
  const logMedian = Math.log(seg.spendMedian) + seg.spendCustomerSigma * rng.normal();
  const spendSigma = seg.spendOrderSigma;
  const b = MODEL.browsing;
  const browseRate = (b.browseBase + b.browsePerOrderRate * purchaseRate) * rng.gamma(b.browseShape, 1 / b.browseShape);

  const favourites: number[] = [];
  const favouriteCount = 1 + rng.pick(FAVOURITE_COUNT_CUMULATIVE);
  const catCum = world.catalogue.categoryCumulative;
  for (let tries = 0; favourites.length < favouriteCount && tries < 20; tries++) {
    const c = rng.pick(catCum);
    if (!favourites.includes(c)) favourites.push(c);
  }
  // The first favourite weighs most: weights 1, 1/2, 1/3.
  const favouriteCumulative = cumulativeOf(favourites.map((_, i) => 1 / (i + 1)));

  const life: CustomerLife = {
    firstSeen,
    country,
    segment,
    consentEmail,
    consentSms,
    purchaseRate,
    dropoutRate,
    dropoutProb: seg.dropoutProb,
    lifetimeEnd,
    quitAt: Infinity,
    meanSpend: Math.exp(logMedian + (spendSigma * spendSigma) / 2),
    spendSigma,
    satisfaction,
    browseRate,
    favourites,
    favouriteCumulative,
    offsetSec: MODEL.countries[country].offsetHours * 3600,
    orders: [],
    futureOrders: 0,
    futureSpendCents: 0,
  };

  const state: LifeState = { world, rng, life, logMedian, death: lifetimeEnd, rateMult: 1, spendMult: 1, churnMult: 1 };
  let t = firstSeen;
  if (rng.chance(seg.firstOrderProb)) {
    const welcome = firstSeen + 600 + rng.exp(MODEL.firstOrderDelayDays * SECONDS_PER_DAY);
    if (welcome < Math.min(state.death, world.horizonEnd)) {
      placeOrder(state, welcome);
      t = Math.floor(welcome);
    }
  }
  for (;;) {
    const limit = Math.min(state.death, world.horizonEnd);
    if (t >= limit) break;
    t = world.season.nextEvent(rng, t, limit, (purchaseRate * state.rateMult) / SECONDS_PER_YEAR, life.offsetSec);
    if (t === Infinity) break;
    placeOrder(state, t);
  }
  if (state.death < world.horizonEnd) life.quitAt = state.death;
  return life;
}

/** The mutable part of a customer's simulation: when they quit and the last experience's multipliers. */
interface LifeState {
  world: World;
  rng: Rng;
  life: CustomerLife;
  logMedian: number;
  death: number;
  rateMult: number;
  spendMult: number;
  churnMult: number;
}

/** One order at `time`: basket, experience (feeding back into rate, spend, churn), review, quit coin. */
function placeOrder(state: LifeState, time: number): void {
  const { world, rng, life } = state;
  const e = MODEL.experience;
  const at = Math.floor(time);
  const order = fillBasket(world, rng, life, at, state.logMedian, life.spendSigma, state.spendMult);
  const rating = drawRating(rng, life.satisfaction, world.catalogue.quality[order.lines[0].product]);
  order.rating = rating;
  state.rateMult = e.rateMult[rating - 1];
  state.spendMult = e.spendMult[rating - 1];
  state.churnMult = e.churnMult[rating - 1];
  if (at < world.end) {
    if (rng.chance(MODEL.reviews.reviewProb[rating - 1])) {
      const reviewAt = at + reviewDelaySeconds(rng);
      if (reviewAt < world.end) {
        order.reviewAt = reviewAt;
        order.reviewText = reviewText(rng, rating, world.catalogue.noun[order.lines[0].product]);
      }
    }
    life.orders.push(order);
  } else {
    life.futureOrders++;
    life.futureSpendCents += order.totalCents;
  }
  // The BG/NBD-style coin: the customer may quit right after this order.
  if (rng.chance(Math.min(0.95, life.dropoutProb * state.churnMult))) state.death = at;
}

/** An order whose value approaches a Lognormal(logMedian, sigma) target, from popular products. */
function fillBasket(world: World, rng: Rng, life: CustomerLife, at: number, logMedian: number, sigma: number, spendMult: number): SimOrder {
  const bk = MODEL.baskets;
  const cat = world.catalogue;
  const promo = MODEL.promotions[world.season.kindAt(at, life.offsetSec)];
  const target = rng.lognormal(logMedian, sigma) * spendMult * 100;
  let remaining = target;
  const lines: SimLine[] = [];
  let total = 0;
  while (lines.length < bk.maxLines) {
    const category = rng.chance(bk.affinityProb) ? life.favourites[rng.pick(life.favouriteCumulative)] : -1;
    let product = pickProduct(cat, rng, category);
    for (let tries = 0; tries < bk.priceRetries && cat.priceCents[product] > 1.3 * remaining; tries++) product = pickProduct(cat, rng, category);
    const unitCents = rng.chance(promo.prob) ? Math.round(cat.priceCents[product] * (1 - promo.discount)) : cat.priceCents[product];
    let quantity = 1;
    const fits = Math.floor(remaining / unitCents);
    if (fits >= 2 && rng.chance(bk.multiQuantityProb)) quantity = 1 + Math.min(4, fits - 1);
    let same: SimLine | null = null;
    for (const l of lines) if (l.product === product) same = l;
    if (same) same.quantity += quantity;
    else lines.push({ product, quantity, unitCents });
    const cost = quantity * (same ? same.unitCents : unitCents);
    total += cost;
    remaining -= cost;
    if (remaining < 0.3 * target) break;
  }
  return { at, lines, totalCents: total, rating: 0, reviewAt: -1, reviewText: '' };
}
