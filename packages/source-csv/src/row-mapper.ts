/**
 * Turns one CSV row into core records (invoice, customer, payment, note) through a mapping
 * compiled against the file's header. Plain checks run first on the hot fields; whenever one
 * fails, the core's zod schemas validate the record, so the problems reported are always the
 * schemas' own.
 *
 * @module
 */
import {
  ConfigError,
  type Contact,
  currencyExponent,
  type Customer,
  CustomerSchema,
  type Invoice,
  InvoiceSchema,
  type InvoiceStatus,
  isCurrencyCode,
  type NoteActivity,
  NoteActivitySchema,
  fromZodIssues,
  type Payment,
  PaymentSchema,
} from '@dueflow/core';
import type { z } from 'zod';
import { type AmountParser, createAmountParser, createDecimalSeparatorCheck } from './amount.js';
import { type DateFormat, dateProblem, parseDate } from './date-format.js';
import { type CsvMapping, type MappedField, normalizeHeader, REQUIRED_FIELDS } from './mapping.js';

/** A problem with one cell. */
export interface FieldProblem {
  /** The model field (`dueDate`), or the schema path when a whole record failed (`total.amount`). */
  readonly field: string;
  /** The CSV column, when the problem is about one cell. */
  readonly column?: string;
  /** The cell's text, or the rejected value. */
  readonly value?: unknown;
  readonly message: string;
  /** `missing`: a required cell is empty; `invalid`: a value could not be read or failed a schema. */
  readonly kind: 'missing' | 'invalid';
}

/** One row mapped to records. `invoice` is absent when the row is rejected (see `problems`). */
export interface MappedRow {
  readonly line: number;
  readonly invoice?: Invoice;
  /** The customer as this row describes it (first row of a customer wins in a stream). */
  readonly customer?: Customer;
  /** The settlement payment, when the row has a settled date. */
  readonly payment?: Payment;
  readonly note?: NoteActivity;
  readonly problems: readonly FieldProblem[];
  /**
   * What the amount's text tells of its number locale: `declared` when only a locale with the
   * mapping's decimal separator reads it (`12.50` in en-US); the other locale and the text when
   * the mapping's locale refused it and that locale reads it (`12,50`: de-DE). Absent when the
   * text tells neither (`500`, `1,234`).
   */
  readonly amountLocale?: 'declared' | { readonly looksLike: string; readonly value: string };
}

/** A mapping bound to a header, ready to map rows. */
export interface CompiledMapping {
  readonly mapping: CsvMapping & { readonly dateFormat: DateFormat };
  readonly header: readonly string[];
  /** Column index of each mapped field. */
  readonly columns: Readonly<Partial<Record<MappedField, number>>>;
  /** Mapped optional columns that the header does not have (they are ignored). */
  readonly absentOptional: readonly { readonly field: MappedField; readonly column: string }[];
  /** Maps one row. Never throws. */
  mapRow(fields: readonly string[], line: number): MappedRow;
}

/**
 * Where a mapped column is in a header: exact name first, then the folded name; -1 when absent.
 *
 * @example
 * ```ts
 * findColumn(['Invoice No', 'Due-Date'], 'due date'); // 1
 * ```
 */
export function findColumn(header: readonly string[], column: string): number {
  const exact = header.indexOf(column);
  if (exact !== -1) return exact;
  const folded = normalizeHeader(column);
  return folded === '' ? -1 : header.findIndex((h) => normalizeHeader(h) === folded);
}

/**
 * Columns the mapping names that the header lacks.
 *
 * @example
 * ```ts
 * missingColumns(mapping, ['invoiceNumber']).filter((m) => m.required);
 * ```
 */
export function missingColumns(
  mapping: CsvMapping,
  header: readonly string[],
): { field: MappedField; column: string; required: boolean }[] {
  const out: { field: MappedField; column: string; required: boolean }[] = [];
  for (const [field, column] of Object.entries(mapping.columns) as [MappedField, string | undefined][]) {
    if (column !== undefined && findColumn(header, column) === -1) {
      out.push({ field, column, required: (REQUIRED_FIELDS as readonly string[]).includes(field) });
    }
  }
  return out;
}

const STATUS_WORDS: ReadonlyMap<string, InvoiceStatus> = new Map([
  ['open', 'open'],
  ['unpaid', 'open'],
  ['outstanding', 'open'],
  ['sent', 'open'],
  ['overdue', 'open'],
  ['due', 'open'],
  ['partiallypaid', 'open'],
  ['partial', 'open'],
  ['pastdue', 'open'],
  ['awaitingpayment', 'open'],
  ['paid', 'paid'],
  ['closed', 'paid'],
  ['settled', 'paid'],
  ['fullypaid', 'paid'],
  ['void', 'void'],
  ['voided', 'void'],
  ['cancelled', 'void'],
  ['canceled', 'void'],
  ['deleted', 'void'],
  ['draft', 'draft'],
  ['writtenoff', 'written-off'],
  ['writeoff', 'written-off'],
  ['baddebt', 'written-off'],
]);
const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x', 'disputed']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', '']);

/** FNV-1a, 32 bits, as 8 hex digits: a short stable id part for note texts. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function cell(fields: readonly string[], index: number | undefined): string {
  if (index === undefined) return '';
  const raw = fields[index];
  if (raw === undefined || raw === '') return '';
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 || first === 0xfeff ? raw.replace(/^[\s\uFEFF]+|\s+$/g, '') : raw;
}

function normalizePhone(text: string, countryCode: string | undefined): string | undefined {
  const digits = text.replace(/[\s().\-\u00a0]/g, '');
  const e164 = /^\+[1-9]\d{6,14}$/;
  if (e164.test(digits)) return digits;
  if (digits.startsWith('00') && e164.test(`+${digits.slice(2)}`)) return `+${digits.slice(2)}`;
  if (countryCode === undefined || !/^\d+$/.test(digits)) return undefined;
  const national = digits.replace(/^0+/, '');
  return e164.test(`+${countryCode}${national}`) ? `+${countryCode}${national}` : undefined;
}

function required(
  problems: FieldProblem[],
  names: Partial<Record<MappedField, string>>,
  fields: readonly string[],
  columns: Partial<Record<MappedField, number>>,
  field: MappedField,
): string {
  const value = cell(fields, columns[field]);
  if (value === '') problems.push({ field, column: names[field] ?? field, message: 'is required', kind: 'missing' });
  return value;
}

function invalid(
  problems: FieldProblem[],
  names: Partial<Record<MappedField, string>>,
  field: MappedField,
  value: string,
  message: string,
): void {
  problems.push({ field, column: names[field] ?? field, value, message, kind: 'invalid' });
}

/** A date cell read once: the calendar date and its noon-UTC instant, both made once per distinct text. */
interface DateValue {
  readonly date: string;
  readonly noon: string;
}

/** No problems: one shared, frozen array instead of an empty one per row. */
const NO_PROBLEMS: readonly FieldProblem[] = Object.freeze([]);

/** Validates with a core schema; problems carry the schema's own paths and messages. */
function validate<T>(schema: z.ZodType<T>, subject: string, draft: T): T | FieldProblem[] {
  let result: z.ZodSafeParseResult<T>;
  try {
    result = schema.safeParse(draft, { reportInput: true });
  } catch (error) {
    return [
      { field: subject, message: `could not be validated: ${error instanceof Error ? error.message : String(error)}`, kind: 'invalid' },
    ];
  }
  if (result.success) return result.data;
  return fromZodIssues(result.error.issues, [subject]).map((i) => ({
    field: i.field,
    ...('value' in i ? { value: i.value } : {}),
    message: i.message,
    kind: 'invalid' as const,
  }));
}

/**
 * The instant a calendar date stands for: noon UTC, the same calendar day in every zone from
 * UTC-11 to UTC+11 (settled dates become payment instants this way).
 *
 * @example
 * ```ts
 * noonUtc('2013-01-15'); // '2013-01-15T12:00:00Z'
 * ```
 */
export function noonUtc(date: string): string {
  return `${date}T12:00:00Z`;
}

/** Options of {@link compileMapping}. */
export interface CompileMappingOptions {
  /**
   * `fast` runs plain checks and falls back to the zod schemas only when one fails;
   * `schema` validates every record with zod (slower; the reference behaviour).
   * @default 'fast'
   */
  readonly validation?: 'fast' | 'schema';
}

/**
 * Binds a validated mapping to a header. Throws a `ConfigError` when a required column is
 * missing (callers report schema drift first, for a clearer message).
 *
 * @example
 * ```ts
 * const compiled = compileMapping({ ...parseMapping(ibmAccountsReceivable), dateFormat: 'M/D/YYYY' }, header);
 * const row = compiled.mapRow(fields, 2);
 * if (row.invoice) console.log(row.invoice.total);
 * ```
 */
export function compileMapping(
  mapping: CsvMapping & { readonly dateFormat: DateFormat },
  header: readonly string[],
  options: CompileMappingOptions = {},
): CompiledMapping {
  const missing = missingColumns(mapping, header);
  const requiredMissing = missing.filter((m) => m.required);
  if (requiredMissing.length > 0) {
    throw new ConfigError(
      `csv mapping: required column${requiredMissing.length > 1 ? 's' : ''} ${requiredMissing.map((m) => `"${m.column}" (${m.field})`).join(', ')} not in the header`,
    );
  }
  const columns: Partial<Record<MappedField, number>> = {};
  for (const [field, column] of Object.entries(mapping.columns) as [MappedField, string | undefined][]) {
    if (column === undefined) continue;
    const index = findColumn(header, column);
    if (index !== -1) columns[field] = index;
  }
  const metadata = mapping.metadataColumns.map((c) => ({ key: c, index: findColumn(header, c) })).filter((m) => m.index !== -1);
  const fast = (options.validation ?? 'fast') === 'fast';
  const format = mapping.dateFormat;
  const parsers = new Map<string, AmountParser>();
  const amountParser = (currency: string): AmountParser => {
    let parser = parsers.get(currency);
    if (parser === undefined) {
      parser = createAmountParser(currency, mapping.numberLocale);
      parsers.set(currency, parser);
    }
    return parser;
  };
  const defaultParser = amountParser(mapping.currency);
  const inDeclaredLocale = createDecimalSeparatorCheck(mapping.numberLocale);
  const amountError = (refused: { readonly error: string; readonly looksLike?: string }): string =>
    refused.looksLike === undefined
      ? refused.error
      : `${refused.error}; it reads as ${refused.looksLike} writes numbers: set numberLocale if the file is written that way`;
  const header_ = header;
  const columnName = (field: MappedField): string => header_[columns[field] ?? -1] ?? field;

  const names: Partial<Record<MappedField, string>> = {};
  for (const field of Object.keys(columns) as MappedField[]) names[field] = columnName(field);

  // Exports repeat a few hundred distinct dates over millions of rows: each distinct text is
  // parsed, and its strings built, once (bounded, so a file of unique dates cannot grow it).
  const dates = new Map<string, DateValue | null>();
  const dateCell = (problems: FieldProblem[], field: MappedField, text: string): DateValue | undefined => {
    if (text === '') return undefined;
    let value = dates.get(text);
    if (value === undefined) {
      const parsed = parseDate(text, format);
      value = parsed === undefined ? null : { date: parsed, noon: noonUtc(parsed) };
      if (dates.size >= 10_000) dates.clear();
      dates.set(text, value);
    }
    if (value === null) {
      problems.push({ field, column: names[field] ?? field, value: text, message: dateProblem(text, format), kind: 'invalid' });
      return undefined;
    }
    return value;
  };
  // `Yes`/`No` and friends, folded once per distinct spelling (bounded like the dates).
  const flags = new Map<string, boolean | null>();
  const readFlag = (text: string): boolean | undefined => {
    let value = flags.get(text);
    if (value === undefined) {
      const folded = text.toLowerCase();
      value = TRUE_WORDS.has(folded) ? true : FALSE_WORDS.has(folded) ? false : null;
      if (flags.size >= 1000) flags.clear();
      flags.set(text, value);
    }
    return value ?? undefined;
  };
  // Customers repeat on many rows: each distinct description is validated once.
  const customers = new Map<string, { name: string; contactName: string; email: string; phone: string | undefined; customer: Customer }>();
  // mapRow is synchronous and not re-entrant: one scratch list serves every row, and only rows
  // with problems get their own copy.
  const scratch: FieldProblem[] = [];

  function mapRow(fields: readonly string[], line: number): MappedRow {
    const problems = scratch;
    problems.length = 0;
    const number = required(problems, names, fields, columns, 'invoiceNumber');
    const customerId = required(problems, names, fields, columns, 'customerId');
    const issueText = required(problems, names, fields, columns, 'issueDate');
    const dueText = required(problems, names, fields, columns, 'dueDate');
    const amountText = required(problems, names, fields, columns, 'amount');
    const issue = dateCell(problems, 'issueDate', issueText);
    const due = dateCell(problems, 'dueDate', dueText);

    let currency = mapping.currency;
    let parser = defaultParser;
    const currencyText = cell(fields, columns.currency).toUpperCase();
    if (currencyText !== '') {
      if (isCurrencyCode(currencyText)) {
        currency = currencyText;
        parser = amountParser(currency);
      } else invalid(problems, names, 'currency', currencyText, 'unknown ISO 4217 currency code');
    }
    let total: number | undefined;
    let amountLocale: MappedRow['amountLocale'];
    if (amountText !== '') {
      const parsed = parser(amountText);
      if (typeof parsed === 'number') {
        total = parsed;
        if (inDeclaredLocale(amountText, currencyExponent(currency) ?? 2)) amountLocale = 'declared';
      } else {
        invalid(problems, names, 'amount', amountText, amountError(parsed));
        if (parsed.looksLike !== undefined) amountLocale = { looksLike: parsed.looksLike, value: amountText };
      }
    }

    const settledText = cell(fields, columns.settledDate);
    const settled = dateCell(problems, 'settledDate', settledText);
    let paid: number | undefined;
    const paidText = cell(fields, columns.paidAmount);
    if (paidText !== '') {
      const parsed = parser(paidText);
      if (typeof parsed === 'number') paid = parsed;
      else invalid(problems, names, 'paidAmount', paidText, amountError(parsed));
    }

    let status: InvoiceStatus | undefined;
    const statusText = cell(fields, columns.status);
    if (statusText !== '') {
      status = STATUS_WORDS.get(normalizeHeader(statusText));
      if (status === undefined) invalid(problems, names, 'status', statusText, 'unknown invoice status');
    }
    let disputed: boolean | undefined;
    if (columns.disputed !== undefined) {
      const text = cell(fields, columns.disputed);
      disputed = readFlag(text);
      if (disputed === undefined) invalid(problems, names, 'disputed', text, 'expected yes or no');
    }
    const email = cell(fields, columns.contactEmail);
    const phoneText = cell(fields, columns.contactPhone);
    let phone: string | undefined;
    if (phoneText !== '') {
      phone = normalizePhone(phoneText, mapping.phoneCountryCode);
      if (phone === undefined) invalid(problems, names, 'contactPhone', phoneText, 'expected a phone number such as +14155550100');
    }
    const noteText = cell(fields, columns.note);
    const noteDate = dateCell(problems, 'noteDate', cell(fields, columns.noteDate));

    if (problems.length > 0 || issue === undefined || due === undefined || total === undefined) {
      const rejected: { -readonly [K in keyof MappedRow]: MappedRow[K] } = {
        line,
        problems: problems.length === 0 ? NO_PROBLEMS : problems.slice(),
      };
      if (amountLocale !== undefined) rejected.amountLocale = amountLocale;
      return rejected;
    }
    const issueDate = issue.date;
    const dueDate = due.date;
    const settledDate = settled?.date;

    const invoiceId =
      columns.invoiceId === undefined
        ? `${mapping.invoiceIdPrefix}${number}`
        : `${mapping.invoiceIdPrefix}${cell(fields, columns.invoiceId) || number}`;
    const paidAmount = settledDate === undefined ? 0 : (paid ?? total);
    const finalStatus: InvoiceStatus = status ?? (settledDate !== undefined && paidAmount >= total ? 'paid' : 'open');
    const meta: Record<string, string | boolean> = {};
    let hasMeta = false;
    for (const m of metadata) {
      const v = cell(fields, m.index);
      if (v !== '') {
        meta[m.key] = v;
        hasMeta = true;
      }
    }
    if (disputed !== undefined) {
      meta['disputed'] = disputed;
      hasMeta = true;
    }
    const terms = cell(fields, columns.terms);
    // Built by assignment, not spreads: this object is made once per row.
    const invoiceDraft: Invoice = {
      id: invoiceId,
      number,
      customerId,
      issueDate,
      dueDate,
      total: { amount: total, currency },
      status: finalStatus,
    };
    if (terms !== '') invoiceDraft.terms = terms;
    if (disputed === true && finalStatus === 'open')
      invoiceDraft.dispute = { reason: 'Marked disputed in the import file', openedAt: issue.noon, by: 'import' };
    if (hasMeta) invoiceDraft.metadata = meta;
    const invoiceOk =
      fast &&
      invoiceId.length <= 200 &&
      number.length <= 100 &&
      customerId.length <= 200 &&
      terms.length <= 50 &&
      dueDate >= issueDate &&
      total >= 0 &&
      Number.isSafeInteger(total);
    const invoice = invoiceOk ? invoiceDraft : validate(InvoiceSchema, 'invoice', invoiceDraft);
    if (Array.isArray(invoice)) return { line, problems: invoice };

    const name = cell(fields, columns.customerName);
    const contactName = cell(fields, columns.contactName);
    const cached = customers.get(customerId);
    let customer: Customer;
    if (
      cached !== undefined &&
      cached.name === name &&
      cached.contactName === contactName &&
      cached.email === email &&
      cached.phone === phone
    )
      customer = cached.customer;
    else {
      const contact: Contact | undefined =
        email === '' && phone === undefined && contactName === ''
          ? undefined
          : {
              id: `${customerId}-billing`,
              role: 'billing',
              ...(contactName === '' ? {} : { name: contactName }),
              ...(email === '' ? {} : { email }),
              ...(phone === undefined ? {} : { phone }),
              optOuts: [],
              suppressed: [],
            };
      const validated = validate<Customer>(CustomerSchema, 'customer', {
        id: customerId,
        name: name === '' ? customerId : name,
        contacts: contact === undefined ? [] : [contact],
      } as Customer);
      if (Array.isArray(validated)) return { line, problems: validated };
      customer = validated;
      if (customers.size >= 10_000) customers.clear();
      customers.set(customerId, { name, contactName, email, phone, customer });
    }

    let payment: Payment | undefined;
    if (settled !== undefined && paidAmount > 0) {
      const allocated = Math.min(paidAmount, total);
      const reference = cell(fields, columns.paymentReference);
      const draft: Payment = {
        id: `${invoiceId}:settled`,
        customerId,
        amount: { amount: paidAmount, currency },
        status: 'succeeded',
        method: 'other',
        at: settled.noon,
        allocations: allocated > 0 ? [{ invoiceId, amount: allocated }] : [],
      };
      if (reference !== '') draft.reference = reference;
      const validated =
        fast && invoiceId.length <= 191 && reference.length <= 200 && Number.isSafeInteger(paidAmount)
          ? draft
          : validate(PaymentSchema, 'payment', draft);
      if (Array.isArray(validated)) return { line, problems: validated };
      payment = validated;
    }

    let note: NoteActivity | undefined;
    if (noteText !== '') {
      const draft: NoteActivity = {
        id: `${invoiceId}:note:${fnv1a(noteText)}`,
        type: 'note',
        at: (noteDate ?? issue).noon,
        customerId,
        invoiceId,
        actor: { type: 'system' },
        source: mapping.noteSource,
        text: noteText,
      };
      const validated = fast && noteText.length <= 20_000 && invoiceId.length <= 180 ? draft : validate(NoteActivitySchema, 'note', draft);
      if (Array.isArray(validated)) return { line, problems: validated };
      note = validated;
    }
    const mapped: { -readonly [K in keyof MappedRow]: MappedRow[K] } = { line, invoice, customer, problems: NO_PROBLEMS };
    if (amountLocale !== undefined) mapped.amountLocale = amountLocale;
    if (payment !== undefined) mapped.payment = payment;
    if (note !== undefined) mapped.note = note;
    return mapped;
  }

  return {
    mapping,
    header,
    columns,
    absentOptional: missing.filter((m) => !m.required).map(({ field, column }) => ({ field, column })),
    mapRow,
  };
}
