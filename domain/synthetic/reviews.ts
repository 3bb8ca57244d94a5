/**
 * Order experience and review text: the rating of an order follows an ordered-probit model of the
 * customer's satisfaction and the product's quality (MODEL.experience); the text is assembled from
 * polarity phrase lists (words.ts), so the words carry the rating's signal.
 */
import { MODEL } from './model';
import type { Rng } from './prng';
import { REVIEW_PHRASES } from './words';

/** Rating 1..5 of one order: 1 + number of thresholds below z = a*s + b*q + noise. */
export function drawRating(rng: Rng, satisfaction: number, quality: number): number {
  const e = MODEL.experience;
  const z = e.satisfactionWeight * satisfaction + e.qualityWeight * quality + e.noiseSigma * rng.normal();
  let rating = 1;
  for (const t of e.thresholds) if (z > t) rating++;
  return rating;
}

function one(rng: Rng, list: readonly string[], noun: string): string {
  return list[rng.int(list.length)].replace('{noun}', noun);
}

const POSITIVE = 0;
const NEGATIVE = 1;
const NEUTRAL = 2;
type Polarity = 0 | 1 | 2;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * English review text for a rating: an opening, one or two aspects and sometimes a closing sentence.
 * 4-star reviews sometimes mention a neutral aspect, 3-star ones mix polarities, so the mapping from
 * words to rating is strong but not exact.
 */
export function reviewText(rng: Rng, rating: number, noun: string): string {
  const p = REVIEW_PHRASES;
  let open: readonly string[];
  let polarity: [Polarity, Polarity];
  let close: readonly string[];
  if (rating === 5) {
    open = p.openPositive;
    polarity = [POSITIVE, rng.chance(0.5) ? POSITIVE : NEUTRAL];
    close = p.closePositive;
  } else if (rating === 4) {
    open = p.openGood;
    polarity = [POSITIVE, NEUTRAL];
    close = p.closeNeutral;
  } else if (rating === 3) {
    open = p.openMixed;
    polarity = [NEUTRAL, rng.chance(0.5) ? POSITIVE : NEGATIVE];
    close = p.closeNeutral;
  } else {
    open = p.openNegative;
    polarity = [NEGATIVE, rng.chance(rating === 2 ? 0.4 : 0.15) ? NEUTRAL : NEGATIVE];
    close = p.closeNegative;
  }
  const parts = [one(rng, open, noun)];
  const topics = p.aspects.length;
  const t1 = rng.int(topics);
  const first = p.aspects[t1][polarity[0]].replace('{noun}', noun);
  if (rng.chance(0.6)) {
    const t2 = (t1 + 1 + rng.int(topics - 1)) % topics;
    parts.push(`${capitalise(first)}, and ${p.aspects[t2][polarity[1]].replace('{noun}', noun)}.`);
  } else {
    parts.push(`${capitalise(first)}.`);
  }
  if (rng.chance(0.45)) parts.push(one(rng, close, noun));
  return parts.join(' ');
}

/** Seconds from order to review: Gamma delivery time plus an exponential writing delay. */
export function reviewDelaySeconds(rng: Rng): number {
  const r = MODEL.reviews;
  const days = rng.gamma(r.deliveryShape, r.deliveryMeanDays / r.deliveryShape) + rng.exp(r.writeDelayMeanDays);
  return Math.round(days * 86400);
}
