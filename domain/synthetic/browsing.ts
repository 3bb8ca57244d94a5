/**
 * One customer's clickstream (MODEL.browsing and MODEL.sessions): a first-visit session, background
 * sessions while alive (rate grows with the purchase rate), research sessions in the days before each
 * order, a purchase session that ends in the order's purchase events, and fading sessions after churn.
 * Events go into a reusable typed-array buffer, so a customer costs no per-event objects.
 */
import { EVENT_TYPES, type EventType } from '../ingest/records';
import { SECONDS_PER_DAY, SECONDS_PER_YEAR } from './calendar';
import { pickProduct } from './catalogue';
import type { CustomerLife, SimOrder, World } from './customer';
import { MODEL } from './model';
import type { Rng } from './prng';

/** Module-local copies: cross-module constants are getter calls under the CommonJS transform. */
const SESSIONS = MODEL.sessions;
const BROWSING = MODEL.browsing;
const DAY = SECONDS_PER_DAY;
const YEAR = SECONDS_PER_YEAR;

const code = (t: EventType) => EVENT_TYPES.indexOf(t);
export const VIEW = code('view');
export const CART = code('cart');
export const FAVOURITE = code('favourite');
export const PURCHASE = code('purchase');
export const SEARCH = code('search');

/** Growable typed arrays holding one customer's events and sessions. */
export class EventBuffer {
  n = 0;
  sessions = 0;
  /** Events whose number does not depend on the browse scale (first visit and purchase sessions). */
  fixedEvents = 0;
  time = new Float64Array(256);
  type = new Uint8Array(256);
  product = new Int32Array(256);
  session = new Int32Array(256);
  sessionStart = new Float64Array(64);
  /** Index of each session's first event: a session's events are contiguous and in time order. */
  sessionFirst = new Int32Array(64);

  reset(): void {
    this.n = 0;
    this.sessions = 0;
    this.fixedEvents = 0;
  }

  push(time: number, type: number, product: number, session: number): void {
    if (this.n === this.time.length) this.grow();
    const i = this.n++;
    this.time[i] = time;
    this.type[i] = type;
    this.product[i] = product;
    this.session[i] = session;
  }

  newSession(start: number): number {
    if (this.sessions === this.sessionStart.length) {
      const next = new Float64Array(this.sessionStart.length * 2);
      next.set(this.sessionStart);
      this.sessionStart = next;
      const first = new Int32Array(this.sessionFirst.length * 2);
      first.set(this.sessionFirst);
      this.sessionFirst = first;
    }
    this.sessionStart[this.sessions] = start;
    this.sessionFirst[this.sessions] = this.n;
    return this.sessions++;
  }

  /** Sessions in order of start time (ties by creation), so session ids ascend with time. */
  sessionOrder(): Uint32Array {
    return sortedIndex(this.sessionStart, this.sessions);
  }

  /**
   * Event indices in time order: the sessions' events concatenated in session order, which is already
   * sorted unless sessions overlap; then (rarely) a full sort by time, ties by insertion.
   */
  timeOrder(sessions: Uint32Array): Uint32Array {
    const out = new Uint32Array(this.n);
    let k = 0;
    let last = -Infinity;
    let sorted = true;
    for (let r = 0; r < sessions.length; r++) {
      const s = sessions[r];
      const end = s + 1 < this.sessions ? this.sessionFirst[s + 1] : this.n;
      for (let i = this.sessionFirst[s]; i < end; i++) {
        if (this.time[i] < last) sorted = false;
        last = this.time[i];
        out[k++] = i;
      }
    }
    return sorted ? out : sortedIndex(this.time, this.n);
  }

  private grow(): void {
    const size = this.time.length * 2;
    const time = new Float64Array(size);
    time.set(this.time);
    this.time = time;
    const type = new Uint8Array(size);
    type.set(this.type);
    this.type = type;
    const product = new Int32Array(size);
    product.set(this.product);
    this.product = product;
    const session = new Int32Array(size);
    session.set(this.session);
    this.session = session;
  }
}

const INDEX_BITS = 2 ** 21;

/**
 * Indices 0..n-1 ordered by whole seconds of `values`, ties by index: packs (second - min) * 2^21 + index
 * into one double and uses the native numeric sort (no comparator call per comparison).
 */
function sortedIndex(values: Float64Array, n: number): Uint32Array {
  const out = new Uint32Array(n);
  if (n === 0) return out;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = Math.floor(values[i]);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n >= INDEX_BITS || (max - min + 1) * INDEX_BITS >= Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i++) out[i] = i;
    return out.sort((a, b) => Math.floor(values[a]) - Math.floor(values[b]) || a - b);
  }
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (Math.floor(values[i]) - min) * INDEX_BITS + i;
  keys.sort();
  for (let i = 0; i < n; i++) out[i] = keys[i] % INDEX_BITS;
  return out;
}

/** Simulates customers' clickstreams into one reusable EventBuffer. */
export class BrowsingSimulator {
  readonly buf = new EventBuffer();
  private rng!: Rng;
  private life!: CustomerLife;

  constructor(private readonly world: World) {}

  /** Fills the buffer with the customer's events in [first_seen, end); `scale` multiplies the session counts that browse. */
  run(rng: Rng, life: CustomerLife, scale: number): EventBuffer {
    this.rng = rng;
    this.life = life;
    const { world, buf } = this;
    buf.reset();
    const b = BROWSING;
    const alive = Math.min(world.end, life.quitAt);
    // First visit.
    let before = buf.n;
    this.browseSession(life.firstSeen, null);
    buf.fixedEvents += buf.n - before;
    // Background browsing while alive, seasonal like purchases; active customers browse more.
    const rate = (life.browseRate * scale) / YEAR;
    for (let t = life.firstSeen; ; ) {
      t = world.season.nextEvent(rng, t, alive, rate, life.offsetSec);
      if (t === Infinity) break;
      this.browseSession(t, null);
    }
    for (const order of life.orders) {
      // Research: browsing intensity rises in the days before an order.
      const research = rng.poisson(b.researchMean * scale);
      for (let k = 0; k < research; k++) {
        const start = order.at - rng.exp(b.researchMeanDays * DAY);
        if (start >= life.firstSeen) this.browseSession(start, order);
      }
      before = buf.n;
      this.purchaseSession(order);
      buf.fixedEvents += buf.n - before;
    }
    // After churn, visits fade out.
    if (life.quitAt < world.end) {
      const fading = rng.poisson((life.browseRate * scale * b.fadeDays) / 365.25);
      for (let k = 0; k < fading; k++) {
        const start = life.quitAt + rng.exp(b.fadeDays * DAY);
        if (start < world.end) this.browseSession(start, null);
      }
    }
    // Whole seconds, never before the first visit.
    for (let i = 0; i < buf.n; i++) buf.time[i] = Math.max(life.firstSeen, Math.floor(buf.time[i]));
    return buf;
  }

  private gap(): number {
    return 1 + this.rng.exp(SESSIONS.gapMeanSeconds);
  }

  private emit(t: number, type: number, product: number, sid: number): void {
    if (t < this.world.end) this.buf.push(t, type, product, sid);
  }

  private browseSession(start: number, order: SimOrder | null): void {
    this.browse(start, this.buf.newSession(start), 1 + this.rng.geometric(SESSIONS.extraViewsMean), order);
  }

  /** Views (with carts, favourites and searches) from `t`; returns the time after the last event. */
  private browse(t: number, sid: number, views: number, order: SimOrder | null): number {
    const s = SESSIONS;
    const { rng, life } = this;
    const cat = this.world.catalogue;
    let category = rng.chance(s.sessionCategoryAffinityProb) ? life.favourites[rng.pick(life.favouriteCumulative)] : -1;
    if (rng.chance(s.searchProb)) {
      this.emit(t, SEARCH, -1, sid);
      t += this.gap();
      if (category < 0) category = rng.pick(cat.categoryCumulative);
    }
    for (let i = 0; i < views; i++) {
      let product: number;
      if (order && rng.chance(s.researchHitProb)) product = order.lines[rng.int(order.lines.length)].product;
      else product = pickProduct(cat, rng, category >= 0 && rng.chance(s.categoryViewProb) ? category : -1);
      this.emit(t, VIEW, product, sid);
      if (rng.chance(s.cartProb)) this.emit((t += this.gap()), CART, product, sid);
      if (rng.chance(s.favouriteProb)) this.emit((t += this.gap()), FAVOURITE, product, sid);
      if (rng.chance(s.midSearchProb)) this.emit((t += this.gap()), SEARCH, -1, sid);
      t += this.gap();
    }
    return t;
  }

  /** Some views, then view + cart of each line's product, then one purchase event per line at the order time. */
  private purchaseSession(order: SimOrder): void {
    const buf = this.buf;
    const sid = buf.newSession(order.at);
    const first = buf.n;
    let t = this.browse(0, sid, this.rng.geometric(SESSIONS.purchaseExtraViewsMean), null);
    for (const line of order.lines) {
      buf.push(t, VIEW, line.product, sid);
      t += this.gap();
      buf.push(t, CART, line.product, sid);
      t += this.gap();
    }
    // Shift the session so that it ends at the order time.
    const shift = order.at - t;
    for (let i = first; i < buf.n; i++) buf.time[i] += shift;
    buf.sessionStart[sid] = buf.n > first ? buf.time[first] : order.at;
    for (const line of order.lines) buf.push(order.at, PURCHASE, line.product, sid);
  }
}
