/**
 * The demo portfolio: customers with contacts in several time zones, a payment history, notes,
 * disputes, bounced addresses and SMS opt-outs, and invoices spread over the history and the 90
 * simulated days. Deterministic for a seed and a start date.
 *
 * @module
 */
import { fromEpochDay, type Activity, type Contact, type Customer, type Invoice, type Payment } from '@dueflow/core';
import { createRandom, type Random } from './random.js';

/** The behaviour group a demo customer belongs to (the engine resolves its own segment from the data). */
export type DemoSegment = 'strategic' | 'chronic' | 'new' | 'standard';

/** How a demo customer pays: the inputs of the payment-behaviour model. */
export interface CustomerProfile {
  readonly customerId: string;
  readonly segment: DemoSegment;
  /** Days after the due date this customer typically pays, unprompted (negative: early). */
  readonly baseLateness: number;
  /** Spread of lateness from one invoice to the next, days. */
  readonly latenessSd: number;
  /** Chance an invoice is forgotten (paid weeks later, if ever) without a reminder. */
  readonly forgetShare: number;
  /** Multiplier of the effect of reminders (chronic late payers react less). */
  readonly responsiveness: number;
  /** Chance a promise to pay made on a call is kept. */
  readonly promiseKeeping: number;
  /** Whether a firm or final message may make this customer dispute the invoice. */
  readonly disputeProne: boolean;
}

/** What will happen to one invoice if nobody chases it. */
export interface InvoiceFate {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly issueDay: number;
  readonly dueDay: number;
  /** Epoch day the customer pays without any reminder (may lie beyond the simulation). */
  readonly naturalPayDay: number;
  /** For invoices disputed at the start: the epoch day the dispute is resolved. */
  readonly disputeResolvedDay?: number;
}

/** A contact whose behaviour the simulation plays out. */
export interface ContactTrait {
  readonly customerId: string;
  readonly contactId: string;
  /** The email address hard-bounces on the first message. */
  readonly bouncesEmail: boolean;
  /** The contact replies STOP to the first SMS. */
  readonly repliesStop: boolean;
}

/** Options of {@link generatePortfolio}. */
export interface PortfolioOptions {
  /** @default 20260101 */
  readonly seed?: number;
  /** @default 150 */
  readonly customers?: number;
  /** Invoices over the history and the simulated days, approximately. @default 1000 */
  readonly invoices?: number;
  /** First simulated day, `YYYY-MM-DD`. */
  readonly start: string;
  /** @default 90 */
  readonly days?: number;
  /** Days of history before `start`. @default 150 */
  readonly historyDays?: number;
}

/** A generated portfolio. */
export interface Portfolio {
  readonly seed: number;
  /** Epoch day of the first simulated day. */
  readonly startDay: number;
  readonly days: number;
  readonly customers: readonly Customer[];
  readonly profiles: ReadonlyMap<string, CustomerProfile>;
  /** Invoices issued before the start (settled or still open). */
  readonly existing: readonly Invoice[];
  /** Invoices issued during the simulation, by issue date. */
  readonly scheduled: readonly Invoice[];
  /** Every invoice's fate, by invoice id. */
  readonly fates: ReadonlyMap<string, InvoiceFate>;
  /** Payments made before the start. */
  readonly payments: readonly Payment[];
  /** Notes, opt-outs, suppressions and disputes recorded before the start. */
  readonly activities: readonly Activity[];
  /** Contacts whose reactions the simulation plays out, by `customerId/contactId`. */
  readonly traits: ReadonlyMap<string, ContactTrait>;
}

interface ZoneProfile {
  readonly zone: string;
  readonly locale: string;
  readonly phone: string;
}

// Every zone has a local morning or afternoon at one of the simulation's tick hours (02:00, 10:00, 18:00 UTC).
const ZONES: readonly ZoneProfile[] = [
  { zone: 'America/New_York', locale: 'en-US', phone: '+1212555' },
  { zone: 'America/Chicago', locale: 'en-US', phone: '+1312555' },
  { zone: 'America/Los_Angeles', locale: 'en-US', phone: '+1415555' },
  { zone: 'Europe/London', locale: 'en-GB', phone: '+44207946' },
  { zone: 'Europe/Paris', locale: 'fr-FR', phone: '+33155501' },
  { zone: 'Europe/Berlin', locale: 'de-DE', phone: '+49305550' },
  { zone: 'Asia/Tokyo', locale: 'en-US', phone: '+81355501' },
  { zone: 'Australia/Sydney', locale: 'en-AU', phone: '+61255501' },
];

const FIRST = [
  'Brightwater',
  'Northwind',
  'Bluepeak',
  'Ironwood',
  'Silverline',
  'Redfern',
  'Oakridge',
  'Clearview',
  'Stonebridge',
  'Harbor',
  'Summit',
  'Lakeside',
  'Granite',
  'Evergreen',
  'Copperfield',
  'Meridian',
  'Westbrook',
  'Foxglove',
];
const SECOND = [
  'Logistics',
  'Foods',
  'Dental',
  'Robotics',
  'Textiles',
  'Media',
  'Builders',
  'Analytics',
  'Pharmacy',
  'Studios',
  'Hotels',
  'Energy',
  'Farms',
  'Printing',
];
const PEOPLE = [
  'Ana',
  'Ben',
  'Chloé',
  'Dmitri',
  'Emma',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Keiko',
  'Liam',
  'Maya',
  'Noah',
  'Olga',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tara',
];
const SURNAMES = [
  'Alvarez',
  'Becker',
  'Chen',
  'Dubois',
  'Evans',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ito',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Martin',
  'Nakamura',
  'Okafor',
  'Patel',
];
const MANAGERS = [
  { name: 'Lena Ortiz', email: 'lena.ortiz@northwind-supplies.example' },
  { name: 'Marcus Webb', email: 'marcus.webb@northwind-supplies.example' },
];
const NOTES = [
  { text: 'AP runs payment batches on Thursdays; invoices must reach them by Tuesday.', source: 'crm' as const },
  { text: 'Asked for a copy of the invoice with the PO number on it.', source: 'support-ticket' as const },
  { text: 'New finance contact since last quarter; prefers email over calls.', source: 'crm' as const },
  { text: 'Cash is tight this month, they said on the phone; expect a delay.', source: 'agent' as const },
  { text: 'Very happy with the last delivery, renewal planned.', source: 'crm' as const },
  { text: 'Complained that two items arrived damaged; credit under review.', source: 'support-ticket' as const },
];
const DISPUTE_REASONS = [
  'Quantity billed does not match the delivery note',
  'Price differs from the contract',
  'Goods returned, credit expected',
  'Service not delivered in full',
];

const SEGMENT_MIX: readonly [DemoSegment, number][] = [
  ['strategic', 0.08],
  ['chronic', 0.2],
  ['new', 0.15],
  ['standard', 0.57],
];

function profileFor(random: Random, customerId: string, segment: DemoSegment): CustomerProfile {
  switch (segment) {
    case 'strategic':
      return {
        customerId,
        segment,
        baseLateness: random.normal(4, 3),
        latenessSd: 4,
        forgetShare: 0.04,
        responsiveness: 1,
        promiseKeeping: 0.9,
        disputeProne: random.chance(0.1),
      };
    case 'chronic':
      return {
        customerId,
        segment,
        baseLateness: random.normal(24, 6),
        latenessSd: 9,
        forgetShare: 0.25,
        responsiveness: 0.7,
        promiseKeeping: 0.45,
        disputeProne: random.chance(0.15),
      };
    case 'new':
      return {
        customerId,
        segment,
        baseLateness: random.normal(8, 5),
        latenessSd: 7,
        forgetShare: 0.12,
        responsiveness: 1.2,
        promiseKeeping: 0.7,
        disputeProne: random.chance(0.05),
      };
    case 'standard':
      return {
        customerId,
        segment,
        baseLateness: random.normal(5, 4),
        latenessSd: 6,
        forgetShare: 0.1,
        responsiveness: 1,
        promiseKeeping: 0.75,
        disputeProne: random.chance(0.06),
      };
  }
}

function segmentFor(random: Random): DemoSegment {
  const r = random.next();
  let acc = 0;
  for (const [segment, share] of SEGMENT_MIX) {
    acc += share;
    if (r < acc) return segment;
  }
  return 'standard';
}

const CADENCE_FACTOR: Record<DemoSegment, number> = { strategic: 0.6, chronic: 0.75, new: 1, standard: 1.25 };
const AMOUNT: Record<DemoSegment, [number, number]> = {
  strategic: [1_800_000, 0.5],
  chronic: [220_000, 0.6],
  new: [150_000, 0.6],
  standard: [320_000, 0.7],
};
const TERMS: Record<DemoSegment, number> = { strategic: 45, chronic: 30, new: 15, standard: 30 };

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * Generates the demo portfolio: about `invoices` invoices over `historyDays` of history and the
 * simulated `days`, for `customers` customers in four behaviour groups (strategic accounts,
 * chronic late payers, new customers, standard), each with its payment behaviour. The same
 * options always give the same portfolio.
 *
 * @example
 * ```ts
 * const portfolio = generatePortfolio({ seed: 7, customers: 20, invoices: 120, start: '2026-01-05' });
 * portfolio.existing.length + portfolio.scheduled.length; // about 120
 * ```
 */
export function generatePortfolio(options: PortfolioOptions): Portfolio {
  const seed = options.seed ?? 20260101;
  const customerCount = options.customers ?? 150;
  const target = options.invoices ?? 1000;
  const days = options.days ?? 90;
  const historyDays = options.historyDays ?? 150;
  const random = createRandom(seed);
  const startDay = Math.floor(Date.parse(`${options.start}T00:00:00Z`) / 86_400_000);
  const endDay = startDay + days;
  const iso = (day: number, hour = 12): string => new Date(day * 86_400_000 + hour * 3_600_000).toISOString();

  const customers: Customer[] = [];
  const profiles = new Map<string, CustomerProfile>();
  const traits = new Map<string, ContactTrait>();
  const activities: Activity[] = [];
  // Every first-word/second-word pair once, in a seeded order, so names never repeat.
  const names = FIRST.flatMap((a) => SECOND.map((b) => `${a} ${b}`))
    .map((name) => ({ name, key: random.next() }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.name);
  const sinceOf = new Map<string, number>();
  for (let i = 0; i < customerCount; i++) {
    const id = `cus-${pad(i + 1, 3)}`;
    const segment = segmentFor(random);
    const profile = profileFor(random, id, segment);
    profiles.set(id, profile);
    const name = names[i % names.length]! + (i >= names.length ? ` ${Math.floor(i / names.length) + 1}` : '');
    const home = random.pick(ZONES);
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const contacts: Contact[] = [];
    const contactCount = segment === 'strategic' ? 2 : random.chance(0.35) ? 2 : 1;
    for (let c = 0; c < contactCount; c++) {
      const first = random.pick(PEOPLE);
      const last = random.pick(SURNAMES);
      // Some second contacts sit in another office, in another zone.
      const zone = c > 0 && random.chance(0.5) ? random.pick(ZONES) : home;
      const contactId = c === 0 ? 'billing' : 'ap';
      const suppressedEmail = random.chance(0.05);
      const optedOutSms = random.chance(0.1);
      contacts.push({
        id: contactId,
        name: `${first} ${last}`,
        role: c === 0 ? 'billing' : 'accounts-payable',
        email: `${first
          .normalize('NFD')
          .replace(/[^A-Za-z]/g, '')
          .toLowerCase()}.${last.toLowerCase()}@${slug}.example`,
        phone: `${zone.phone}${pad(random.int(0, 9999), 4)}`,
        ...(zone.zone !== home.zone ? { timeZone: zone.zone } : {}),
        // Half the billing contacts have a postal address, so demand letters can go by post.
        ...(c === 0 && (segment === 'strategic' || random.chance(0.5))
          ? {
              postalAddress: [`${first} ${last}`, name, `${random.int(1, 999)} Market Street`, home.zone.split('/')[1]!.replace(/_/g, ' ')],
            }
          : {}),
        optOuts: optedOutSms ? ['sms'] : [],
        suppressed: suppressedEmail ? ['email'] : [],
      });
      traits.set(`${id}/${contactId}`, {
        customerId: id,
        contactId,
        bouncesEmail: !suppressedEmail && random.chance(0.05),
        repliesStop: !optedOutSms && random.chance(0.05),
      });
      const before = iso(startDay - random.int(20, 100), 15);
      if (optedOutSms)
        activities.push({
          id: `gen:${id}:${contactId}:sms-stop`,
          type: 'contact',
          at: before,
          customerId: id,
          actor: { type: 'customer' },
          contactId,
          event: 'opted-out',
          channel: 'sms',
          detail: 'replied STOP',
        });
      if (suppressedEmail)
        activities.push({
          id: `gen:${id}:${contactId}:bounce`,
          type: 'contact',
          at: before,
          customerId: id,
          actor: { type: 'provider' },
          contactId,
          event: 'suppressed',
          channel: 'email',
          detail: 'hard bounce: mailbox does not exist',
        });
    }
    const since = segment === 'new' ? startDay - random.int(20, 45) : startDay - random.int(200, 1500);
    sinceOf.set(id, since);
    customers.push({
      id,
      name,
      ...(segment === 'strategic' ? { tier: 'strategic', accountManager: { ...random.pick(MANAGERS) } } : {}),
      tags: segment === 'strategic' ? ['key-account'] : [],
      contacts,
      timeZone: home.zone,
      locale: home.locale,
      since: fromEpochDay(since),
      metadata: { demoBehaviour: segment },
    });
  }

  // Cadence chosen so the invoice count lands near the target.
  const weights = customers.map((c) => {
    const p = profiles.get(c.id)!;
    const span = endDay - Math.max(sinceOf.get(c.id)!, startDay - historyDays);
    return span / CADENCE_FACTOR[p.segment];
  });
  const base = weights.reduce((a, b) => a + b, 0) / target;

  interface Draft {
    customer: Customer;
    issueDay: number;
    dueDay: number;
    amount: number;
    terms: number;
  }
  const drafts: Draft[] = [];
  for (const customer of customers) {
    const p = profiles.get(customer.id)!;
    const cadence = Math.max(5, base * CADENCE_FACTOR[p.segment]);
    let day = Math.max(sinceOf.get(customer.id)!, startDay - historyDays) + random.int(0, Math.floor(cadence));
    while (day < endDay) {
      const [median, sigma] = AMOUNT[p.segment];
      const amount = Math.max(5_000, Math.round((median * Math.exp(random.normal(0, sigma))) / 100) * 100);
      const terms = TERMS[p.segment];
      drafts.push({ customer, issueDay: day, dueDay: day + terms, amount, terms });
      day += Math.max(3, Math.round(cadence * (0.75 + random.next() * 0.5)));
    }
  }
  drafts.sort((a, b) => a.issueDay - b.issueDay || (a.customer.id < b.customer.id ? -1 : 1));

  const existing: Invoice[] = [];
  const scheduled: Invoice[] = [];
  const payments: Payment[] = [];
  const fates = new Map<string, InvoiceFate>();
  drafts.forEach((d, i) => {
    const p = profiles.get(d.customer.id)!;
    const id = `inv-${pad(i + 1, 5)}`;
    let lateness = Math.round(random.normal(p.baseLateness, p.latenessSd));
    if (random.chance(p.forgetShare)) lateness += random.int(30, 150);
    lateness = Math.max(lateness, -(d.terms - 2));
    const naturalPayDay = d.dueDay + lateness;
    const invoice: Invoice = {
      id,
      number: `NW-${fromEpochDay(d.issueDay).slice(0, 4)}-${pad(i + 1, 5)}`,
      customerId: d.customer.id,
      issueDate: fromEpochDay(d.issueDay),
      dueDate: fromEpochDay(d.dueDay),
      terms: `NET${d.terms}`,
      total: { amount: d.amount, currency: 'USD' },
      status: 'open',
    };
    let fate: InvoiceFate = { invoiceId: id, customerId: d.customer.id, issueDay: d.issueDay, dueDay: d.dueDay, naturalPayDay };
    if (d.issueDay >= startDay) {
      scheduled.push(invoice);
    } else if (naturalPayDay < startDay) {
      existing.push(invoice);
      payments.push({
        id: `pay-${id}`,
        customerId: d.customer.id,
        amount: invoice.total,
        status: 'succeeded',
        method: random.pick(['ach', 'bank-transfer', 'card'] as const),
        at: iso(naturalPayDay, 13),
        allocations: [{ invoiceId: id, amount: d.amount }],
      });
    } else if (d.dueDay < startDay && random.chance(0.05)) {
      // A dispute open at the start: collection is frozen until it is resolved.
      const openedDay = Math.max(d.dueDay, startDay - random.int(3, 20));
      const resolvedDay = startDay + random.int(5, 35);
      const reason = random.pick(DISPUTE_REASONS);
      existing.push({ ...invoice, dispute: { reason, openedAt: iso(openedDay, 15), by: 'customer' } });
      activities.push({
        id: `gen:${id}:dispute`,
        type: 'status',
        at: iso(openedDay, 15),
        customerId: d.customer.id,
        invoiceId: id,
        actor: { type: 'customer' },
        change: 'dispute-opened',
        reason,
      });
      fate = { ...fate, naturalPayDay: Math.max(naturalPayDay, resolvedDay + random.int(2, 10)), disputeResolvedDay: resolvedDay };
    } else {
      existing.push(invoice);
    }
    fates.set(id, fate);
    if (d.issueDay < startDay && random.chance(0.08)) {
      const note = random.pick(NOTES);
      activities.push({
        id: `gen:${id}:note`,
        type: 'note',
        at: iso(Math.min(startDay - 1, d.issueDay + random.int(1, 20)), 16),
        customerId: d.customer.id,
        invoiceId: id,
        actor: { type: 'user', id: 'crm-sync' },
        source: note.source,
        text: note.text,
      });
    }
  });
  return { seed, startDay, days, customers, profiles, existing, scheduled, fates, payments, activities, traits };
}
