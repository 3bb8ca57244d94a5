/**
 * The built-in mappings, imported (not read from disk) so they travel with the code however it is run.
 * Each is validated by loadMapping on first use.
 */
import cdnow from './cdnow.json';
import olistCustomers from './olist-customers.json';
import olistOrderItems from './olist-order-items.json';
import olistOrders from './olist-orders.json';
import olistPayments from './olist-payments.json';
import olistProducts from './olist-products.json';
import olistReviews from './olist-reviews.json';
import onlineRetail from './online-retail.json';
import rees46Events from './rees46-events.json';
import syntheticCustomers from './synthetic-customers.json';
import syntheticEvents from './synthetic-events.json';
import syntheticOrders from './synthetic-orders.json';
import syntheticProducts from './synthetic-products.json';
import syntheticReviews from './synthetic-reviews.json';
import taobaoEvents from './taobao-events.json';

export const BUILTIN_MAPPINGS = {
  cdnow,
  'online-retail': onlineRetail,
  'olist-orders': olistOrders,
  'olist-order-items': olistOrderItems,
  'olist-payments': olistPayments,
  'olist-customers': olistCustomers,
  'olist-products': olistProducts,
  'olist-reviews': olistReviews,
  'rees46-events': rees46Events,
  'taobao-events': taobaoEvents,
  'synthetic-customers': syntheticCustomers,
  'synthetic-products': syntheticProducts,
  'synthetic-orders': syntheticOrders,
  'synthetic-events': syntheticEvents,
  'synthetic-reviews': syntheticReviews,
} as const satisfies Record<string, unknown>;

export type BuiltinMappingName = keyof typeof BUILTIN_MAPPINGS;
