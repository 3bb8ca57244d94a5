import type { ColumnType, Insertable, Selectable } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type TsNull = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** A customer of a dataset, with consent per channel; (batch_id, line_no) is the source row. */
export interface CustomersTable {
  dataset: string;
  customer_id: string;
  first_seen: TsNull;
  country: string | null;
  city: string | null;
  region: string | null;
  time_zone: string | null;
  consent_email: boolean | null;
  consent_sms: boolean | null;
  consent_push: boolean | null;
  batch_id: number;
  line_no: number;
}
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type { Ts, TsNull };
