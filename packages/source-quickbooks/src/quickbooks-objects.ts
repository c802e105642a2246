/**
 * The parts of QuickBooks Online Accounting API entities the adapter reads, as loose zod
 * schemas: unknown fields are kept, optional ones may be absent, and anything of the wrong type
 * fails with the QuickBooks field's own name (`TotalAmt`, `CustomerRef.value`).
 *
 * @module
 */
import { z } from 'zod';

const Id = z.string().min(1);
/** A reference to another entity: `{ value: "58", name: "Acme" }`. */
const Ref = z.object({ value: Id, name: z.string().optional() }).loose();
/** A decimal amount in major units, as QuickBooks writes it. */
const Amount = z.number().refine(Number.isFinite, { message: 'expected a finite number' });
const Text = z.string().optional();
/** `YYYY-MM-DD`, the form QuickBooks writes transaction dates in. */
const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const MetaData = z.object({ CreateTime: z.string().optional(), LastUpdatedTime: z.string().optional() }).loose().optional();

/** A QuickBooks `Customer`. */
export const QuickBooksCustomerSchema = z
  .object({
    Id,
    DisplayName: Text,
    CompanyName: Text,
    GivenName: Text,
    FamilyName: Text,
    PrimaryEmailAddr: z.object({ Address: Text }).loose().optional(),
    PrimaryPhone: z.object({ FreeFormNumber: Text }).loose().optional(),
    BillAddr: z
      .object({ Line1: Text, Line2: Text, Line3: Text, City: Text, CountrySubDivisionCode: Text, PostalCode: Text, Country: Text })
      .loose()
      .optional(),
    Active: z.boolean().optional(),
    CurrencyRef: Ref.optional(),
    MetaData,
  })
  .loose();
/** A QuickBooks customer as the adapter reads it. */
export type QuickBooksCustomer = z.infer<typeof QuickBooksCustomerSchema>;

/** A QuickBooks `Invoice`. */
export const QuickBooksInvoiceSchema = z
  .object({
    Id,
    DocNumber: Text,
    TxnDate: DateText,
    DueDate: DateText.optional(),
    TotalAmt: Amount,
    Balance: Amount,
    CurrencyRef: Ref.optional(),
    CustomerRef: Ref,
    SalesTermRef: Ref.optional(),
    PrivateNote: Text,
    MetaData,
  })
  .loose();
/** A QuickBooks invoice as the adapter reads it. */
export type QuickBooksInvoice = z.infer<typeof QuickBooksInvoiceSchema>;

const LinkedTxn = z.object({ TxnId: Id, TxnType: z.string() }).loose();

/** A QuickBooks `Payment` (received from a customer). */
export const QuickBooksPaymentSchema = z
  .object({
    Id,
    TxnDate: DateText,
    TotalAmt: Amount,
    CustomerRef: Ref,
    CurrencyRef: Ref.optional(),
    PaymentMethodRef: Ref.optional(),
    PaymentRefNum: Text,
    Line: z.array(z.object({ Amount, LinkedTxn: z.array(LinkedTxn).default([]) }).loose()).default([]),
    MetaData,
  })
  .loose();
/** A QuickBooks payment as the adapter reads it. */
export type QuickBooksPayment = z.infer<typeof QuickBooksPaymentSchema>;

/** One page of the query endpoint: `QueryResponse` holds the entity's array, or nothing when no row matched. */
export const QueryResponseSchema = z.object({ QueryResponse: z.record(z.string(), z.unknown()) }).loose();

const FaultError = z
  .object({
    message: z.string().optional(),
    Message: z.string().optional(),
    detail: z.string().optional(),
    Detail: z.string().optional(),
    code: z.string().optional(),
  })
  .loose();
const Fault = z
  .object({ error: z.array(FaultError).optional(), Error: z.array(FaultError).optional(), type: z.string().optional() })
  .loose();
/** QuickBooks' error body: `fault` in some answers, `Fault` in others. */
export const FaultBodySchema = z.object({ fault: Fault.optional(), Fault: Fault.optional() }).loose();

/** A webhook notification body. */
export const QuickBooksNotificationSchema = z
  .object({
    eventNotifications: z.array(
      z
        .object({
          realmId: z.string(),
          dataChangeEvent: z
            .object({ entities: z.array(z.object({ name: z.string(), id: z.string().min(1), operation: z.string() }).loose()).default([]) })
            .loose()
            .optional(),
        })
        .loose(),
    ),
  })
  .loose();
