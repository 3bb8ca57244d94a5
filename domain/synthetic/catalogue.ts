/**
 * The product catalogue: categories, Zipf popularity, lognormal prices per category, latent quality,
 * and titles/descriptions written from per-category word lists (see MODEL.catalogue and words.ts).
 * Its size is bounded by an option (at most MODEL.catalogue.maxProducts), never by the customer count.
 */
import { CATEGORY_NAMES, MODEL, type CategoryName } from './model';
import { cumulativeOf, Rng } from './prng';
import { ID_WIDTH, padId } from './rows';
import { CATEGORY_WORDS } from './words';

export interface Catalogue {
  size: number;
  ids: string[];
  titles: string[];
  descriptions: string[];
  /** Index into CATEGORY_NAMES. */
  category: Uint8Array;
  /** The product's noun in lower case, for review text. */
  noun: string[];
  priceCents: Int32Array;
  /** Latent quality ~ N(0, 1); better products get better ratings. */
  quality: Float64Array;
  /** Zipf popularity weight. */
  popularity: Float64Array;
  /** Cumulative popularity over all products. */
  cumulative: Float64Array;
  /** Per category: its products and their cumulative popularity. */
  byCategory: { items: Int32Array; cumulative: Float64Array }[];
  /** Cumulative share of each category in purchases, for drawing a customer's favourite categories. */
  categoryCumulative: Float64Array;
}

/** Default catalogue size for a customer count: clamp(customers / customersPerProduct, min, max). */
export function defaultCatalogueSize(customers: number): number {
  const c = MODEL.catalogue;
  return Math.min(c.maxProducts, Math.max(c.minProducts, Math.round(customers / c.customersPerProduct)));
}

/** A list price: Lognormal(log(median), sigma), ending in .99 (or .49 below 10). */
function listPriceCents(rng: Rng, median: number, sigma: number): number {
  const p = rng.lognormal(Math.log(median), sigma);
  if (p < 10) return Math.max(99, Math.round(p * 2) * 50 - 1);
  return Math.floor(p) * 100 + 99;
}

/** Builds the catalogue of `size` products from the seed's catalogue stream. */
export function buildCatalogue(seed: number, size: number): Catalogue {
  const rng = Rng.stream(seed, 'catalogue');
  const cats = MODEL.catalogue.categories;
  const catCum = cumulativeOf(CATEGORY_NAMES.map((c) => cats[c].share));
  const out: Catalogue = {
    size,
    ids: new Array<string>(size),
    titles: new Array<string>(size),
    descriptions: new Array<string>(size),
    category: new Uint8Array(size),
    noun: new Array<string>(size),
    priceCents: new Int32Array(size),
    quality: new Float64Array(size),
    popularity: new Float64Array(size),
    cumulative: new Float64Array(0),
    byCategory: [],
    categoryCumulative: catCum,
  };
  // Popularity ranks are a random permutation, so a product's id says nothing about its popularity.
  const rank = new Int32Array(size);
  for (let i = 0; i < size; i++) rank[i] = i + 1;
  for (let i = size - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = rank[i];
    rank[i] = rank[j];
    rank[j] = t;
  }
  for (let i = 0; i < size; i++) {
    // The first products cover every category once; the rest follow the category shares.
    const c = i < CATEGORY_NAMES.length ? i : rng.pick(catCum);
    const name: CategoryName = CATEGORY_NAMES[c];
    const words = CATEGORY_WORDS[name];
    const brand = words.brands[rng.int(words.brands.length)];
    const noun = words.nouns[rng.int(words.nouns.length)];
    const adj = words.adjectives[rng.int(words.adjectives.length)];
    const f1 = words.features[rng.int(words.features.length)];
    const f2 = words.features[rng.int(words.features.length)];
    const use = words.uses[rng.int(words.uses.length)];
    const variant = rng.next();
    const suffix = variant < 0.2 ? `, ${2 + rng.int(3)}-Pack` : variant < 0.45 ? ` ${String.fromCharCode(65 + rng.int(26))}${100 + rng.int(900)}` : '';
    out.ids[i] = padId('P', i + 1, ID_WIDTH.product);
    out.titles[i] = `${brand} ${adj} ${noun}${suffix}`;
    const quote = rng.chance(0.15) ? ` Customers call it "the ${noun.toLowerCase()} that lasts".` : '';
    out.descriptions[i] = `${adj} ${noun.toLowerCase()} by ${brand}, made with ${f1}${f2 !== f1 ? ` and ${f2}` : ''}. Ideal for ${use}.${quote}`;
    out.category[i] = c;
    out.noun[i] = noun.toLowerCase();
    out.priceCents[i] = listPriceCents(rng, cats[name].priceMedian, cats[name].priceSigma);
    out.quality[i] = rng.normal();
    out.popularity[i] = 1 / Math.pow(rank[i], MODEL.catalogue.zipfExponent);
  }
  out.cumulative = cumulativeOf(out.popularity);
  out.byCategory = CATEGORY_NAMES.map((_, c) => {
    const items: number[] = [];
    for (let i = 0; i < size; i++) if (out.category[i] === c) items.push(i);
    return { items: Int32Array.from(items), cumulative: cumulativeOf(items.map((i) => out.popularity[i])) };
  });
  return out;
}

/** A product by popularity, within a category (index) or over the whole catalogue (category < 0). */
export function pickProduct(cat: Catalogue, rng: Rng, category: number): number {
  if (category < 0) return rng.pick(cat.cumulative);
  const group = cat.byCategory[category];
  return group.items[rng.pick(group.cumulative)];
}
