import type { Selectable } from 'kysely';

/** A product with its text (for embeddings) and list price. */
export interface ProductsTable {
  dataset: string;
  product_id: string;
  title: string | null;
  description: string | null;
  category: string | null;
  price: number | null;
  currency: string | null;
  batch_id: number;
  line_no: number;
}
export type Product = Selectable<ProductsTable>;
