/**
 * Credits applied in QuickBooks, as credit notes. QuickBooks applies a credit memo (or a
 * discount) to an invoice through a payment that moves no cash, and the invoice's `Balance`
 * drops; Dueflow's outstanding is the total less payments and credit notes, so without a credit
 * note it would read the credited part as still owed. Over a full pull every cash payment is
 * read, so what the balance says was settled beyond the cash is the credit.
 *
 * @module
 */
import type { CreditNote, Invoice } from '@dueflow/core';
import type { SourceRecord } from '@dueflow/runtime/ports';

interface Settlement {
  readonly invoice: Invoice;
  readonly balance: number;
  cash: number;
}

/**
 * Follows the invoices and payments of one full pull and yields, at its end, a credit note for
 * each invoice whose balance is lower than its total less the cash applied to it. The note's id
 * is `<invoiceId>:quickbooks-credits` (one per invoice, its amount following the balance), dated
 * at noon UTC of the invoice's date: QuickBooks does not say when the credit was applied in
 * what the source reads.
 */
export class AppliedCredits {
  readonly #invoices = new Map<string, Settlement>();

  /** Takes note of a record the pull yields. */
  note(record: SourceRecord): void {
    if (record.kind === 'invoice') {
      const balance = record.data.metadata?.['quickbooksBalance'];
      if (typeof balance === 'number' && record.data.status !== 'void')
        this.#invoices.set(record.data.id, { invoice: record.data, balance, cash: 0 });
    } else if (record.kind === 'payment') {
      for (const allocation of record.data.allocations) {
        const settlement = this.#invoices.get(allocation.invoiceId);
        if (settlement !== undefined && settlement.invoice.total.currency === record.data.amount.currency)
          settlement.cash += allocation.amount;
      }
    }
  }

  /** The credit notes, in the order the invoices came. */
  *creditNotes(): Generator<SourceRecord> {
    for (const { invoice, balance, cash } of this.#invoices.values()) {
      const credited = invoice.total.amount - balance - cash;
      if (credited <= 0) continue;
      const note: CreditNote = {
        id: `${invoice.id}:quickbooks-credits`,
        invoiceId: invoice.id,
        amount: { amount: credited, currency: invoice.total.currency },
        at: `${invoice.issueDate}T12:00:00Z`,
        reason: 'credits applied in QuickBooks (credit memos, discounts)',
      };
      yield { kind: 'credit-note', data: note };
    }
  }
}
