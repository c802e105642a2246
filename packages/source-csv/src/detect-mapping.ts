/**
 * Mapping detection for common exports: presets first, then header matching with synonyms.
 * Detection only proposes; date formats are detected separately from data, and an ambiguous
 * result is reported, never resolved by guessing.
 *
 * @module
 */
import { type CsvMappingInput, type MappedField, normalizeHeader, REQUIRED_FIELDS } from './mapping.js';
import { CSV_PRESETS } from './presets.js';

/**
 * Header synonyms per field, already folded with `normalizeHeader`, in order of preference.
 * Fields are matched in this order, and a header taken by an earlier field is not reused.
 *
 * @example
 * ```ts
 * HEADER_SYNONYMS.dueDate; // ['duedate', 'paymentduedate', 'datedue', 'due']
 * ```
 */
export const HEADER_SYNONYMS: Readonly<Record<MappedField, readonly string[]>> = {
  invoiceNumber: ['invoicenumber', 'invoiceno', 'invoicenum', 'invno', 'invoice', 'documentnumber', 'docnumber', 'number', 'invoiceid'],
  customerId: ['customerid', 'customernumber', 'customerno', 'custid', 'clientid', 'accountid', 'accountnumber', 'customer', 'client'],
  issueDate: ['invoicedate', 'issuedate', 'dateissued', 'documentdate', 'txndate', 'date'],
  dueDate: ['duedate', 'paymentduedate', 'datedue', 'due'],
  amount: ['invoiceamount', 'invoicetotal', 'totalamount', 'total', 'amount', 'grossamount'],
  invoiceId: ['invoiceid', 'internalid', 'recordid', 'id'],
  customerName: ['customername', 'clientname', 'companyname', 'company', 'accountname', 'name'],
  currency: ['currency', 'currencycode', 'curr'],
  status: ['status', 'invoicestatus', 'state'],
  terms: ['terms', 'paymentterms'],
  settledDate: ['settleddate', 'paiddate', 'datepaid', 'paymentdate', 'settlementdate', 'closeddate'],
  paidAmount: ['paidamount', 'amountpaid', 'paymentamount'],
  paymentReference: ['paymentreference', 'paymentref', 'transactionid'],
  disputed: ['disputed', 'dispute', 'indispute'],
  contactName: ['contactname', 'billingcontact', 'contact'],
  contactEmail: ['contactemail', 'billingemail', 'email', 'emailaddress'],
  contactPhone: ['contactphone', 'phone', 'phonenumber', 'telephone', 'mobile'],
  note: ['note', 'notes', 'comment', 'comments', 'memo', 'supportticket', 'ticket'],
  noteDate: ['notedate', 'commentdate'],
};

/** What {@link detectMapping} found. */
export interface MappingDetection {
  /** The proposed mapping; absent when a required field has no column. */
  readonly mapping?: CsvMappingInput;
  /** Name of the preset whose columns the header holds, when one matched. */
  readonly preset?: string;
  /** The column chosen for each field. */
  readonly matched: Readonly<Partial<Record<MappedField, string>>>;
  /** Required fields no column matched. */
  readonly missingRequired: readonly MappedField[];
  /** Header columns no field uses. */
  readonly unmapped: readonly string[];
}

/**
 * Proposes a mapping for a header: a preset when the header holds all its columns, otherwise
 * synonyms (`Invoice #`, `Inv No` and `invoice_number` all match `invoiceNumber`). The result
 * has no `dateFormat` unless a preset supplies one.
 *
 * @example
 * ```ts
 * detectMapping(['Invoice No', 'Customer', 'Date', 'Due Date', 'Total']).matched.amount; // 'Total'
 * ```
 */
export function detectMapping(header: readonly string[]): MappingDetection {
  const folded = new Map<string, string>();
  for (const h of header) if (!folded.has(normalizeHeader(h))) folded.set(normalizeHeader(h), h);
  for (const [name, preset] of Object.entries(CSV_PRESETS)) {
    const wanted = [...Object.values(preset.columns), ...(preset.metadataColumns ?? [])];
    if (wanted.every((c) => header.includes(c))) {
      const used = new Set<string>(wanted);
      return {
        mapping: preset,
        preset: name,
        matched: { ...preset.columns },
        missingRequired: [],
        unmapped: header.filter((h) => !used.has(h)),
      };
    }
  }
  const taken = new Set<string>();
  const matched: Partial<Record<MappedField, string>> = {};
  for (const [field, synonyms] of Object.entries(HEADER_SYNONYMS) as [MappedField, readonly string[]][]) {
    for (const synonym of synonyms) {
      const original = folded.get(synonym);
      if (original !== undefined && !taken.has(original)) {
        matched[field] = original;
        taken.add(original);
        break;
      }
    }
  }
  const missingRequired = REQUIRED_FIELDS.filter((f) => matched[f] === undefined);
  const unmapped = header.filter((h) => !taken.has(h));
  if (missingRequired.length > 0) return { matched, missingRequired, unmapped };
  const { invoiceNumber, customerId, issueDate, dueDate, amount } = matched as Record<(typeof REQUIRED_FIELDS)[number], string>;
  return {
    mapping: { columns: { ...matched, invoiceNumber, customerId, issueDate, dueDate, amount } },
    matched,
    missingRequired,
    unmapped,
  };
}
