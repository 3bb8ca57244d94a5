/**
 * Word lists the catalogue and the reviews are written from. Each category has its own brands, nouns,
 * adjectives, features and uses, so titles and descriptions predict the category (signal for text
 * models); review phrases are split by polarity, so the text predicts the rating.
 */
import type { CategoryName } from './model';

export interface CategoryWords {
  brands: readonly string[];
  nouns: readonly string[];
  adjectives: readonly string[];
  features: readonly string[];
  uses: readonly string[];
}

export const CATEGORY_WORDS: Record<CategoryName, CategoryWords> = {
  electronics: {
    brands: ['Voltra', 'Nexon', 'Kairo', 'Lumetric', 'Sonique'],
    nouns: ['Headphones', 'Bluetooth Speaker', 'Smartwatch', 'Power Bank', 'USB-C Charger', 'Webcam', 'Keyboard', 'Wireless Mouse', 'E-Reader', 'Action Camera'],
    adjectives: ['Wireless', 'Noise-Cancelling', 'Compact', 'Fast-Charging', 'Waterproof', 'Ultra-Slim', 'Smart', 'Portable'],
    features: ['a 20-hour battery', 'Bluetooth 5.3', 'a USB-C port', 'a scratch-resistant screen', 'low-latency audio', 'an aluminium housing'],
    uses: ['commuting', 'working from home', 'travel', 'gaming'],
  },
  fashion: {
    brands: ['Marlowe', 'Oaken & Co', 'Velour', 'Nordvik', 'Estrella'],
    nouns: ['T-Shirt', 'Denim Jacket', 'Hoodie', 'Chinos', 'Summer Dress', 'Wool Scarf', 'Sneakers', 'Leather Belt', 'Rain Coat', 'Knit Sweater'],
    adjectives: ['Slim-Fit', 'Oversized', 'Organic Cotton', 'Classic', 'Lightweight', 'Relaxed', 'Vintage', 'Stretch'],
    features: ['organic cotton', 'recycled polyester', 'a tailored cut', 'reinforced seams', 'a soft brushed lining', 'machine-washable fabric'],
    uses: ['everyday wear', 'the office', 'weekends', 'layering in autumn'],
  },
  home: {
    brands: ['Hearth', 'Casalux', 'Brindle', 'Nestwell', 'Koti'],
    nouns: ['Table Lamp', 'Throw Blanket', 'Cushion Cover', 'Storage Basket', 'Wall Clock', 'Ceramic Vase', 'Bath Towel Set', 'Scented Candle', 'Coffee Mug Set', 'Duvet Cover'],
    adjectives: ['Handmade', 'Minimalist', 'Cosy', 'Scandinavian', 'Rustic', 'Modern', 'Soft-Touch', 'Stoneware'],
    features: ['100% linen', 'hand-glazed ceramic', 'a dimmable LED', 'solid oak', 'a natural soy wax blend', 'dishwasher-safe stoneware'],
    uses: ['the living room', 'the bedroom', 'a housewarming gift', 'quiet evenings'],
  },
  beauty: {
    brands: ['Aurelle', 'Botanica', 'Lumi', 'Pure Theory', 'Solenne'],
    nouns: ['Face Serum', 'Moisturiser', 'Lip Balm', 'Shampoo', 'Body Lotion', 'Eye Cream', 'Cleansing Gel', 'Hair Mask', 'Sunscreen SPF 50', 'Nail Polish'],
    adjectives: ['Hydrating', 'Vegan', 'Fragrance-Free', 'Brightening', 'Gentle', 'Nourishing', 'Organic', 'Lightweight'],
    features: ['hyaluronic acid', 'vitamin C', 'shea butter', 'no parabens', 'a recyclable bottle', 'dermatologist-tested ingredients'],
    uses: ['daily routines', 'sensitive skin', 'dry winter days', 'a spa evening'],
  },
  books: {
    brands: ['Quill Press', 'Lantern Books', 'Northwind', 'Paperfox', 'Atlas House'],
    nouns: ['Novel', 'Cookbook', 'Travel Guide', 'Biography', 'Poetry Collection', 'Thriller', 'Fantasy Saga', 'History of Europe', 'Self-Help Guide', 'Picture Book'],
    adjectives: ['Bestselling', 'Illustrated', 'Hardcover', 'Paperback', 'Award-Winning', 'Annotated', 'Collector\'s', 'Pocket'],
    features: ['over 400 pages', 'full-colour illustrations', 'a foreword by the author', 'a sewn binding', 'an index and maps', 'large print'],
    uses: ['a rainy weekend', 'book clubs', 'long flights', 'bedtime reading'],
  },
  sports: {
    brands: ['Stridex', 'Peakform', 'Altura', 'Kinetic', 'Trailhead'],
    nouns: ['Yoga Mat', 'Running Shoes', 'Dumbbell Set', 'Water Bottle', 'Cycling Gloves', 'Resistance Bands', 'Hiking Backpack', 'Tennis Racket', 'Foam Roller', 'Sports Bra'],
    adjectives: ['Non-Slip', 'Breathable', 'Lightweight', 'Adjustable', 'Insulated', 'Pro', 'Durable', 'Ergonomic'],
    features: ['a non-slip surface', 'moisture-wicking fabric', 'BPA-free steel', 'a cushioned sole', 'adjustable straps', 'a lifetime warranty'],
    uses: ['home workouts', 'marathon training', 'weekend hikes', 'the gym'],
  },
  toys: {
    brands: ['Tinker Town', 'Playnest', 'Bumblebee', 'Wonderbox', 'Kidora'],
    nouns: ['Building Blocks', 'Puzzle', 'Plush Bear', 'Board Game', 'Toy Train', 'Art Set', 'Remote Control Car', 'Doll House', 'Science Kit', 'Kite'],
    adjectives: ['Educational', 'Wooden', 'Colourful', 'Interactive', 'Classic', 'Eco-Friendly', 'Magnetic', 'Giant'],
    features: ['non-toxic paint', 'FSC-certified wood', 'rounded edges', 'rechargeable batteries', '500 pieces', 'a storage box'],
    uses: ['ages 3 and up', 'family game night', 'birthday gifts', 'rainy afternoons'],
  },
  grocery: {
    brands: ['Harvest Lane', 'Good Grain', 'Olivia\'s', 'Farmhouse', 'Spice Route'],
    nouns: ['Coffee Beans', 'Green Tea', 'Olive Oil', 'Dark Chocolate', 'Granola', 'Pasta', 'Honey', 'Spice Mix', 'Peanut Butter', 'Sparkling Water'],
    adjectives: ['Organic', 'Fair-Trade', 'Extra Virgin', 'Gluten-Free', 'Single-Origin', 'Artisan', 'Raw', 'Roasted'],
    features: ['no added sugar', 'single-origin beans', 'cold-pressed olives', 'whole grains', 'a resealable pack', 'Fairtrade certification'],
    uses: ['breakfast', 'the pantry', 'gift hampers', 'everyday cooking'],
  },
  garden: {
    brands: ['Greenfold', 'Terrafina', 'Bloomfield', 'Rootstock', 'Verdant'],
    nouns: ['Garden Hose', 'Pruning Shears', 'Plant Pot', 'Bird Feeder', 'Solar Lights', 'Seed Kit', 'Watering Can', 'Raised Bed', 'Garden Gloves', 'Compost Bin'],
    adjectives: ['Weatherproof', 'Expandable', 'Solar-Powered', 'Heavy-Duty', 'Terracotta', 'Galvanised', 'Self-Watering', 'Foldable'],
    features: ['UV-resistant plastic', 'stainless steel blades', 'a solar panel', 'drainage holes', 'a brass connector', 'recycled materials'],
    uses: ['balconies', 'vegetable gardens', 'spring planting', 'the patio'],
  },
  jewellery: {
    brands: ['Aurum', 'Solstice', 'Maison Lune', 'Argenta', 'Opaline'],
    nouns: ['Necklace', 'Stud Earrings', 'Bracelet', 'Signet Ring', 'Pendant', 'Hoop Earrings', 'Anklet', 'Cufflinks', 'Charm', 'Brooch'],
    adjectives: ['Sterling Silver', '18k Gold-Plated', 'Minimalist', 'Handcrafted', 'Pearl', 'Engraved', 'Delicate', 'Statement'],
    features: ['sterling silver', 'a hypoallergenic finish', 'freshwater pearls', 'a gift box', 'an adjustable chain', 'a lobster clasp'],
    uses: ['anniversaries', 'everyday elegance', 'weddings', 'a special gift'],
  },
};

/** Review phrases by polarity; {noun} is replaced by the reviewed product's noun in lower case. */
export const REVIEW_PHRASES = {
  openPositive: ['Absolutely love it!', 'Great purchase.', 'Five stars, would buy again.', 'Really happy with this {noun}.', 'Exceeded my expectations.', 'Excellent quality, highly recommend.', 'Perfect, just what I needed.'],
  openGood: ['Very good overall.', 'Nice {noun}, does the job.', 'Pretty happy with it.', 'Good value for the money.', 'Solid choice.'],
  openMixed: ['It\'s okay.', 'Mixed feelings about this {noun}.', 'Average, nothing special.', 'Does what it says, mostly.', 'Not bad, not great.'],
  openNegative: ['Very disappointed.', 'Would not recommend.', 'Poor quality, sadly.', 'Not worth the money.', 'This {noun} broke after a week.', 'Terrible experience.', 'Returned it straight away.'],
  /** Aspects by topic, each as [positive, negative, neutral]; a review mentions distinct topics. */
  aspects: [
    ['the quality is excellent', 'the quality is poor', 'the quality is as expected'],
    ['delivery was fast', 'delivery took forever', 'delivery was on time'],
    ['it looks exactly like the photos', 'it looks nothing like the photos', 'the colour is a bit different from the photos'],
    ['great value', 'overpriced', 'the price is fair'],
    ['the {noun} feels sturdy and well made', 'the {noun} feels cheap and flimsy', 'the {noun} is about what you would expect'],
    ['customer service was helpful', 'customer service never replied', 'I did not need customer service'],
    ['packaging was lovely', 'it arrived damaged', 'packaging was basic'],
    ['the size is perfect', 'the size is completely wrong', 'the size is as described'],
  ],
  closePositive: ['Will definitely order again.', 'Already recommended it to friends.', 'Thank you!', 'Worth every penny.'],
  closeNegative: ['I want a refund.', 'Never ordering from here again.', 'Avoid.', 'Waste of money, honestly.'],
  closeNeutral: ['Might order again.', 'We will see how it lasts.', 'Fine for the price.'],
} as const;
