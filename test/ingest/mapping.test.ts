/** Mappings: the built-ins load, a user's file loads, and a bad mapping fails naming the file and the key. */
import assert from 'node:assert/strict';
import { MappingError } from '../../domain/ingest/errors';
import { listMappings, loadMapping, parseMapping } from '../../domain/ingest/mapping';
import { RECORD_BUILDERS } from '../../domain/ingest/record-builders';
import { RECORD_FIELDS } from '../../domain/ingest/record-fields';
import { RECORD_KINDS, type CustomerRecord, type EventRecord, type OrderLineRecord } from '../../domain/ingest/records';
import { readAll, tempDir } from './helpers';

const BUILTINS = [
  'cdnow',
  'online-retail',
  'olist-orders',
  'olist-order-items',
  'olist-payments',
  'olist-customers',
  'olist-products',
  'olist-reviews',
  'rees46-events',
  'taobao-events',
  'synthetic-customers',
  'synthetic-products',
  'synthetic-orders',
  'synthetic-events',
  'synthetic-reviews',
];

/** A valid user mapping to break one key at a time. */
function eventsMapping(): Record<string, unknown> {
  return {
    name: 'shop-events',
    description: 'events of a test shop',
    kind: 'event',
    format: { type: 'csv', delimiter: 'auto', header: true },
    timeZone: 'Europe/London',
    dateFormats: { when: 'DD/MM/YYYY HH:mm' },
    fields: {
      customerId: { column: 'who', type: 'string' },
      occurredAt: { column: 'when', type: 'timestamp' },
      type: { column: 'what', type: 'enum', values: { seen: 'view', basket: 'cart', bought: 'purchase' } },
      price: { column: 'price', type: 'number', default: 0 },
    },
  };
}

function assertMappingError(json: unknown, ...patterns: RegExp[]): void {
  assert.throws(
    () => parseMapping(json, 'shop-events.json'),
    (err: unknown) => {
      assert.ok(err instanceof MappingError, String(err));
      assert.equal(err.code, 'MAPPING_INVALID');
      assert.match(err.message, /^mapping shop-events\.json: /);
      for (const p of patterns) assert.match(err.message, p);
      return true;
    },
  );
}

describe('ingest: mappings', () => {
  const tmp = tempDir('mapping');
  after(() => tmp.cleanup());

  it('lists every built-in mapping with its kind and description', () => {
    const list = listMappings();
    assert.deepEqual(list.map((m) => m.name), BUILTINS);
    for (const m of list) {
      assert.ok((RECORD_KINDS as readonly string[]).includes(m.kind));
      assert.ok(m.description.length > 20, m.name);
    }
    assert.equal(loadMapping('builtin:online-retail').name, 'online-retail');
  });

  it('record builders list the fields of records.ts in order, unmapped ones null', () => {
    for (const kind of RECORD_KINDS) {
      const keys = Object.keys(RECORD_FIELDS[kind]);
      const record = RECORD_BUILDERS[kind](keys.map((k) => `v:${k}`));
      assert.deepEqual(Object.keys(record), ['kind', ...keys], kind);
      assert.deepEqual(Object.values(record), [kind, ...keys.map((k) => `v:${k}`)], kind);
    }
  });

  it("loads a user's mapping file and reads a file with it (auto delimiter, day-first dates, enum, default)", async () => {
    const mappingFile = tmp.write('shop-events.json', JSON.stringify(eventsMapping()));
    const data = tmp.write('events.csv', 'who;when;what;price\nc1;01/07/2024 10:00;seen;\nc2;02/07/2024 11:30;BOUGHT;9,5\nc3;31/06/2024 10:00;seen;1\n');
    const res = await readAll(data, loadMapping(mappingFile));
    const events = res.rows.map((r) => r.record as EventRecord);
    assert.deepEqual(
      events.map((e) => [e.customerId, e.occurredAt, e.type, e.price]),
      [['c1', '2024-07-01T09:00:00Z', 'view', 0]],
    );
    assert.deepEqual(res.rejected.map((r) => r.reason), [
      'events.csv:3 column price: "9,5" is not a number',
      'events.csv:4 column when: "31/06/2024 10:00" is not a date in format DD/MM/YYYY HH:mm',
    ]);
  });

  it('reads JSON Lines with nested keys; a cut-off last line is rejected as truncated', async () => {
    const mapping = parseMapping(
      {
        name: 'crm-customers',
        description: 'customers exported by a CRM as JSON Lines',
        kind: 'customer',
        format: { type: 'jsonl' },
        timeZone: 'UTC',
        fields: {
          customerId: { column: 'id', type: 'string' },
          firstSeen: { column: 'created', type: 'timestamp', format: 'unix-millis' },
          country: { column: 'address.country', type: 'string' },
          consentEmail: { column: 'consent.email', type: 'boolean' },
        },
      },
      'crm.json',
    );
    const file = tmp.write(
      'customers.jsonl.gz',
      '{"id":"a1","created":1704067200000,"address":{"country":"GB"},"consent":{"email":true}}\n\n{"id":42,"created":null,"consent":{"email":"no"}}\n[1,2]\n{"id":"a3","crea',
    );
    const res = await readAll(file, mapping);
    assert.deepEqual(
      res.rows.map((r) => r.record as CustomerRecord).map((c) => [c.customerId, c.firstSeen, c.country, c.consentEmail]),
      [
        ['a1', '2024-01-01T00:00:00Z', 'GB', true],
        ['42', null, null, false],
      ],
    );
    assert.deepEqual(res.rows.map((r) => r.lineNo), [1, 3]);
    assert.deepEqual(res.rejected.map((r) => r.reason.replace(/ \(.*/, '')), ['customers.jsonl.gz:4: not a JSON object', 'customers.jsonl.gz:5: truncated last line']);
    assert.equal(res.linesRead, 4);
  });

  it('names the mapping file and the offending key for schema errors', () => {
    const with_ = (patch: (m: Record<string, any>) => void) => {
      const m = eventsMapping() as Record<string, any>;
      patch(m);
      return m;
    };
    assertMappingError(with_((m) => (m.format.delimiter = ',,')), /key "format\.delimiter"/);
    assertMappingError(with_((m) => (m.kind = 'visit')), /key "kind"/);
    assertMappingError(with_((m) => (m.timeZone = 'Mars/Olympus')), /key "timeZone": "Mars\/Olympus" is not an IANA time zone/);
    assertMappingError(with_((m) => (m.fields.colour = { column: 'c', type: 'string' })), /key "fields\.colour": an event record has no field colour; its fields are customerId, occurredAt/);
    assertMappingError(with_((m) => (m.fields.price.type = 'money')), /key "fields\.price\.type"/);
    assertMappingError(with_((m) => (m.fields.price = { derive: 'sqrt', of: ['price'] })), /key "fields\.price\.derive"/);
    assertMappingError(with_((m) => delete m.fields.occurredAt), /key "fields": an event record needs occurredAt/);
    assertMappingError(with_((m) => (m.fields.type.values.seen = 'glance')), /key "fields\.type": type of an event record is an event type \(view, cart, favourite, purchase, search\)/);
    assertMappingError(with_((m) => (m.dateFormats.when = 'HH:mm')), /key "dateFormats\.when": timestamp format "HH:mm" needs YYYY/);
    assertMappingError(with_((m) => (m.fields.price = { derive: 'multiply', of: ['price', 'quantity'] })), /key "fields\.price\.of\[0\]": field "price" is not defined/);
    assertMappingError(with_((m) => (m.format = { type: 'csv', header: false })), /key "format\.columns": a file without a header/);
    assertMappingError(with_((m) => (m.format = { type: 'csv', header: false, columns: ['who', 'what'] })), /key "fields\.occurredAt\.column": column "when" is not in format\.columns/);
    assertMappingError(with_((m) => (m.fields.customerId.required = false)), /key "fields\.customerId\.required": customerId is required/);
  });

  it('reports a missing file and bad JSON with the file name', () => {
    assert.throws(() => loadMapping(`${tmp.dir}/nope.json`), (err: unknown) => err instanceof MappingError && err.code === 'MAPPING_NOT_FOUND' && /nope\.json: no such file, and not a built-in mapping \(built-ins: cdnow, /.test(err.message));
    const bad = tmp.write('bad.json', '{ "name": "x", }');
    assert.throws(() => loadMapping(bad), (err: unknown) => err instanceof MappingError && err.code === 'MAPPING_SYNTAX' && err.message.includes('bad.json'));
  });

  it('synthetic generator files map with ISO UTC times and true/false booleans, also gzipped', async () => {
    const orders = tmp.write(
      'orders.csv.gz',
      'order_id,line_no,customer_id,ordered_at,product_id,quantity,unit_price,currency\no1,1,c1,2024-03-01T10:15:00Z,p1,2,9.99,EUR\no1,2,c1,2024-03-01T10:15:00Z,p2,-1,5,EUR\n',
    );
    const res = await readAll(orders, 'synthetic-orders');
    assert.deepEqual(
      res.rows.map((r) => r.record as OrderLineRecord).map((o) => [o.orderId, o.lineNo, o.orderedAt, o.quantity, o.amount, o.currency, o.isCancellation]),
      [
        ['o1', 1, '2024-03-01T10:15:00Z', 2, 19.98, 'EUR', false],
        ['o1', 2, '2024-03-01T10:15:00Z', -1, -5, 'EUR', true],
      ],
    );
    const customers = tmp.write('customers.csv', 'customer_id,first_seen,country,time_zone,consent_email,consent_sms\nc1,2024-03-01T10:15:00Z,GB,Europe/London,true,false\nc2,2024-03-01T10:15:00Z,GB,Europe/London,yes,false\n');
    const c = await readAll(customers, 'synthetic-customers');
    assert.deepEqual((c.rows[0].record as CustomerRecord).consentEmail, true);
    assert.deepEqual(c.rejected.map((r) => r.reason), ['customers.csv:3 column consent_email: "yes" is not a boolean (true or false)']);
  });
});
