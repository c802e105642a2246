/**
 * The default English templates: every template id of the default ladder, with tone variants
 * for strategic customers (`partnership`) and for standard customers as the ladder escalates
 * (`friendly`, `neutral`, `firm`, `final`). Internal templates are addressed to colleagues.
 *
 * @module
 */
import type { TemplateDefinitionInput } from './template-set.js';

const HELLO = 'Hello {{ contact.first_name | default: customer.name }},';
const DEAR = 'Dear {{ contact.name | default: customer.name }},';

const SUMMARY = `Invoice: {{ invoice.number }}
Issued: {{ invoice.issue_date | date }}
Due: {{ invoice.due_date | date }}
Amount due: {{ invoice.outstanding | money }}`;

const PAY = '{% if payment_link %}You can pay online here: {{ payment_link }}{% endif %}';
const ALREADY_PAID = 'If you have already sent the payment, thank you, and please disregard this message.';

const CONTACT_US =
  '{% if company.reply_to %}Reply to this email{% else %}Get in touch{% endif %}{% if company.phone %} or call us on {{ company.phone }}{% endif %}';

const SIGNOFF = `Kind regards,
{{ company.name }} Accounts Receivable`;

const WARM_SIGNOFF = `Warm regards,
{{ company.name }}{% if account_manager %}
on behalf of {{ account_manager.name }}, your account manager{% endif %}`;

const SMS_NAME = "{{ company.name | truncate: 40 }}";
const SMS_INVOICE = "{{ invoice.number | truncate: 30 }}";
const SMS_PAY = '{% if payment_link %} Pay: {{ payment_link }}{% endif %}';
const SMS_STOP = ' Reply STOP to opt out.';

const INTERNAL_FACTS = `Customer: {{ customer.name }}{% if customer.tier %} ({{ customer.tier }}){% endif %}
Invoice: {{ invoice.number }}, due {{ invoice.due_date | date }}
Outstanding: {{ invoice.outstanding | money }} of {{ invoice.total | money }}
Days past due: {{ days_overdue }}
{% if contact %}Billing contact: {{ contact.name | default: "(no name)" }}{% if contact.email %}, {{ contact.email }}{% endif %}{% if contact.phone %}, {{ contact.phone }}{% endif %}{% endif %}
{% if account_manager %}Account manager: {{ account_manager.name }}{% endif %}
{% if promise %}Open promise to pay: {{ promise.amount | money }} by {{ promise.date | date }}{% endif %}`;

const INTERNAL_SIGNOFF = `Step "{{ step.name }}" of the collection ladder ({{ step.id }}).
Dueflow, for {{ company.name }}`;

/**
 * The English defaults.
 *
 * @example
 * ```ts
 * createTemplateRenderer({ company, defaults: DEFAULT_TEMPLATES_EN }); // only this language
 * ```
 */
export const DEFAULT_TEMPLATES_EN: readonly TemplateDefinitionInput[] = [
  // reminder.pre-due ------------------------------------------------------------------------
  {
    id: 'reminder.pre-due',
    tone: 'friendly',
    locale: 'en',
    subject: 'Friendly reminder: invoice {{ invoice.number }} is due {{ invoice.due_date | date }}',
    text: `${HELLO}

Just a friendly heads-up that invoice {{ invoice.number }} for {{ invoice.outstanding | money }} is due in {{ days_until_due }} days, on {{ invoice.due_date | date }}.

${SUMMARY}

${PAY}

If anything on the invoice looks wrong, or you need a copy, just let us know and we will sort it out. ${ALREADY_PAID}

Thank you for your business!

${SIGNOFF}`,
    sms: `${SMS_NAME}: a friendly reminder that invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) is due {{ invoice.due_date | date: "medium" }}.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is a friendly reminder from {{ company.name }}. Invoice {{ invoice.number }}, for {{ invoice.outstanding | money }}, is due on {{ invoice.due_date | date }}. If you have any questions, please contact us{% if company.phone %} on {{ company.phone }}{% endif %}. Thank you.`,
  },
  {
    id: 'reminder.pre-due',
    tone: 'neutral',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }} is due on {{ invoice.due_date | date }}',
    text: `${HELLO}

This is a reminder that invoice {{ invoice.number }} is due on {{ invoice.due_date | date }}.

${SUMMARY}

${PAY}

${ALREADY_PAID}

${SIGNOFF}`,
    sms: `${SMS_NAME}: invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) is due {{ invoice.due_date | date: "medium" }}.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }} with a reminder that invoice {{ invoice.number }}, for {{ invoice.outstanding | money }}, is due on {{ invoice.due_date | date }}. Thank you.`,
  },
  {
    id: 'reminder.pre-due',
    tone: 'partnership',
    locale: 'en',
    subject: 'Looking ahead: invoice {{ invoice.number }} due {{ invoice.due_date | date }}',
    text: `${HELLO}

We hope all is going well on your side. As part of keeping things smooth between our teams, here is a quick look ahead: invoice {{ invoice.number }} for {{ invoice.outstanding | money }} falls due on {{ invoice.due_date | date }}.

${SUMMARY}

${PAY}

If your approval process needs anything from us (a purchase order number, a different billing contact, a copy of the invoice), tell us and we will take care of it. And if the timing is difficult this month, we are always happy to talk it through.

Thank you for the partnership.

${WARM_SIGNOFF}`,
    sms: `${SMS_NAME}: a quick note that invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) falls due {{ invoice.due_date | date: "medium" }}. Anything we can help with, just reply.${SMS_STOP}`,
  },

  // notice.due ------------------------------------------------------------------------------
  {
    id: 'notice.due',
    tone: 'neutral',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }} is due today',
    text: `${HELLO}

Invoice {{ invoice.number }} for {{ invoice.outstanding | money }} is due today, {{ invoice.due_date | date }}.

${SUMMARY}

${PAY}

${ALREADY_PAID} ${CONTACT_US} if you have any questions.

${SIGNOFF}`,
    sms: `${SMS_NAME}: invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) is due today.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }}. Invoice {{ invoice.number }}, for {{ invoice.outstanding | money }}, is due today. If you have already paid, thank you. Otherwise, please arrange payment today. Goodbye.`,
  },
  {
    id: 'notice.due',
    tone: 'friendly',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }} is due today',
    text: `${HELLO}

A quick note that invoice {{ invoice.number }} for {{ invoice.outstanding | money }} is due today.

${SUMMARY}

${PAY}

${ALREADY_PAID} Thanks so much!

${SIGNOFF}`,
    sms: `${SMS_NAME}: just a reminder that invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) is due today. Thank you!${SMS_PAY}${SMS_STOP}`,
  },
  {
    id: 'notice.due',
    tone: 'partnership',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }} falls due today',
    text: `${HELLO}

A short note to let you know that invoice {{ invoice.number }} for {{ invoice.outstanding | money }} falls due today.

${SUMMARY}

${PAY}

If it is already on its way, thank you. If something is holding it up on your side, we would much rather hear about it early and help: a short call or a payment schedule can always be arranged.

${WARM_SIGNOFF}`,
    sms: `${SMS_NAME}: invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) falls due today. If anything is holding it up, reply and we will help.${SMS_STOP}`,
  },

  // notice.overdue --------------------------------------------------------------------------
  {
    id: 'notice.overdue',
    tone: 'firm',
    locale: 'en',
    subject: 'Overdue: invoice {{ invoice.number }} is {{ days_overdue }} days past due',
    text: `${DEAR}

Our records show that invoice {{ invoice.number }} for {{ invoice.outstanding | money }} was due on {{ invoice.due_date | date }} and is now {{ days_overdue }} days past due.

${SUMMARY}

Please arrange payment of the outstanding balance now. ${PAY}

If you have already paid, please reply with the payment date and reference so we can match it. If there is a problem with the invoice, please tell us within the next few days so we can resolve it.

${SIGNOFF}`,
    sms: `${SMS_NAME}: invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) is {{ days_overdue }} days overdue. Please pay now.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }} calling about invoice {{ invoice.number }}. The balance of {{ invoice.outstanding | money }} was due on {{ invoice.due_date | date }} and is now {{ days_overdue }} days overdue. Please arrange payment as soon as possible, or call us back{% if company.phone %} on {{ company.phone }}{% endif %} if there is a problem with the invoice. Thank you.`,
  },
  {
    id: 'notice.overdue',
    tone: 'neutral',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }} is past due',
    text: `${HELLO}

Invoice {{ invoice.number }} for {{ invoice.outstanding | money }} was due on {{ invoice.due_date | date }} and is now {{ days_overdue }} days past due.

${SUMMARY}

${PAY}

${ALREADY_PAID} ${CONTACT_US} if there is anything we should know about this invoice.

${SIGNOFF}`,
    sms: `${SMS_NAME}: invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) is past due.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }}. Invoice {{ invoice.number }}, for {{ invoice.outstanding | money }}, was due on {{ invoice.due_date | date }} and is now past due. Please arrange payment, or contact us if you have any questions. Thank you.`,
  },
  {
    id: 'notice.overdue',
    tone: 'friendly',
    locale: 'en',
    subject: 'Did invoice {{ invoice.number }} slip through?',
    text: `${HELLO}

It looks like invoice {{ invoice.number }} for {{ invoice.outstanding | money }}, due on {{ invoice.due_date | date }}, may have slipped through the cracks. It happens to all of us!

${SUMMARY}

${PAY}

${ALREADY_PAID} If something is not right with the invoice, just reply and we will fix it.

${SIGNOFF}`,
    sms: `${SMS_NAME}: invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) may have slipped through, it was due {{ invoice.due_date | date: "medium" }}.${SMS_PAY}${SMS_STOP}`,
  },
  {
    id: 'notice.overdue',
    tone: 'partnership',
    locale: 'en',
    subject: 'Checking in about invoice {{ invoice.number }}',
    text: `${HELLO}

I wanted to check in personally about invoice {{ invoice.number }} for {{ invoice.outstanding | money }}, which was due on {{ invoice.due_date | date }}. It has not reached us yet, and we want to make sure nothing is stuck on either side.

${SUMMARY}

${PAY}

If the timing is difficult right now, we value working with you and are glad to find an arrangement that fits: a short call, a few more days, or a payment plan in instalments. Just reply to this message and we will set it up.

${WARM_SIGNOFF}`,
    sms: `${SMS_NAME}: checking in about invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}), due {{ invoice.due_date | date: "medium" }}. Reply if a call or a payment plan would help.${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }}. We are checking in about invoice {{ invoice.number }}, for {{ invoice.outstanding | money }}. If anything is holding it up, we would be glad to help, with a short call or a payment plan. Please get in touch at your convenience. Thank you.`,
  },

  // offer.payment-plan (strategic customers, after approval) --------------------------------
  {
    id: 'offer.payment-plan',
    tone: 'partnership',
    locale: 'en',
    subject: 'A payment plan for invoice {{ invoice.number }}, if it helps',
    text: `${HELLO}

Invoice {{ invoice.number }} for {{ invoice.outstanding | money }} has now been open for {{ days_overdue }} days, and we know budgets and approval cycles do not always line up with invoice dates.

${SUMMARY}

If it would help, we would be glad to spread the balance over a few instalments on a schedule that suits you. Reply to this message with what would work on your side, or suggest a time for a short call{% if account_manager %} with {{ account_manager.name }}{% endif %}, and we will put it in writing.

${PAY}

Thank you for working with us.

${WARM_SIGNOFF}`,
    sms: `${SMS_NAME}: would a payment plan help with invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }})? Reply and we will set one up together.${SMS_STOP}`,
  },
  {
    id: 'offer.payment-plan',
    tone: 'neutral',
    locale: 'en',
    subject: 'Payment plan available for invoice {{ invoice.number }}',
    text: `${HELLO}

Invoice {{ invoice.number }} for {{ invoice.outstanding | money }} is {{ days_overdue }} days past due. If paying the full balance at once is difficult, we can offer a payment plan in instalments.

${SUMMARY}

Reply to this message to agree a schedule. ${PAY}

${SIGNOFF}`,
    sms: `${SMS_NAME}: a payment plan is available for invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}). Reply to agree a schedule.${SMS_STOP}`,
  },

  // letter.demand ---------------------------------------------------------------------------
  {
    id: 'letter.demand',
    tone: 'final',
    locale: 'en',
    subject: 'Final demand for payment: invoice {{ invoice.number }}',
    text: `${DEAR}

FINAL DEMAND FOR PAYMENT

Despite our previous reminders, invoice {{ invoice.number }} for {{ invoice.outstanding | money }}, due on {{ invoice.due_date | date }}, remains unpaid. It is now {{ days_overdue }} days past due.

${SUMMARY}

We ask that you pay the full outstanding balance within 14 days of the date of this letter. ${PAY}

If payment is not received within that time, we will consider referring the debt to a collection agency, without further notice. Further orders may remain on hold until the balance is settled.

If you dispute this amount, or believe it has been paid, please contact us immediately with the details so that we can review it.

Yours sincerely,
{{ company.name }} Accounts Receivable{% if company.phone %}
{{ company.phone }}{% endif %}{% if company.reply_to %}
{{ company.reply_to }}{% endif %}`,
    sms: `${SMS_NAME}: FINAL NOTICE. Invoice ${SMS_INVOICE} ({{ invoice.outstanding | money }}) is {{ days_overdue }} days overdue. Pay within 14 days to avoid referral.${SMS_PAY}${SMS_STOP}`,
  },
  {
    id: 'letter.demand',
    tone: 'firm',
    locale: 'en',
    subject: 'Formal request for payment: invoice {{ invoice.number }}',
    text: `${DEAR}

Invoice {{ invoice.number }} for {{ invoice.outstanding | money }}, due on {{ invoice.due_date | date }}, is now {{ days_overdue }} days past due despite our earlier reminders.

${SUMMARY}

Please pay the outstanding balance within 14 days. ${PAY}

If you cannot pay in full, contact us now to agree a payment schedule; otherwise we will have to take further steps to recover the amount.

Yours sincerely,
{{ company.name }} Accounts Receivable`,
  },
  {
    id: 'letter.demand',
    tone: 'neutral',
    locale: 'en',
    subject: 'Request for payment: invoice {{ invoice.number }}',
    text: `${DEAR}

Invoice {{ invoice.number }} for {{ invoice.outstanding | money }}, due on {{ invoice.due_date | date }}, is now {{ days_overdue }} days past due.

${SUMMARY}

Please pay the outstanding balance within 14 days of this letter. ${PAY}

If you have already paid, or if you dispute the amount, please contact us with the details.

Yours sincerely,
{{ company.name }} Accounts Receivable`,
    voice: `Hello, this is {{ company.name }} regarding invoice {{ invoice.number }}. The balance of {{ invoice.outstanding | money }} is {{ days_overdue }} days past due. Please pay within 14 days, or contact us to discuss it. Thank you.`,
  },
  {
    id: 'letter.demand',
    tone: 'partnership',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }}: let us find a way forward together',
    text: `${DEAR}

I am writing about invoice {{ invoice.number }} for {{ invoice.outstanding | money }}, which was due on {{ invoice.due_date | date }} and is still open after {{ days_overdue }} days.

${SUMMARY}

Our relationship matters a great deal to us, and we would like to settle this together rather than let it drag on. Could we set up a short call in the coming days? We can agree a payment plan in instalments, or a schedule that works with your budget cycle.

${PAY}

${WARM_SIGNOFF}`,
  },

  // call.request (a task for a colleague) ---------------------------------------------------
  {
    id: 'call.request',
    tone: 'neutral',
    locale: 'en',
    subject: 'Call task: {{ customer.name }}, invoice {{ invoice.number }} ({{ days_overdue }} days past due)',
    text: `Hi team,

Please call {{ customer.name }} about invoice {{ invoice.number }}: {{ invoice.outstanding | money }} is {{ days_overdue }} days past due and the reminders so far have not brought a payment.

${INTERNAL_FACTS}

On the call: confirm the invoice was received and is approved, ask for a payment date, and record any promise to pay or dispute in the timeline.

${INTERNAL_SIGNOFF}`,
  },
  {
    id: 'call.request',
    tone: 'partnership',
    locale: 'en',
    subject: 'Courtesy call: {{ customer.name }}, invoice {{ invoice.number }}',
    text: `Hi team,

{{ customer.name }} is a strategic account. Please make a courtesy call about invoice {{ invoice.number }} ({{ invoice.outstanding | money }}, {{ days_overdue }} days past due){% if account_manager %}, and loop in {{ account_manager.name }} first{% endif %}.

${INTERNAL_FACTS}

Keep it relationship-first: ask whether anything is blocking the payment on their side, and offer a payment plan if the timing is hard. Record the outcome and any promise to pay in the timeline.

${INTERNAL_SIGNOFF}`,
  },

  // internal.account-manager-alert ---------------------------------------------------------
  {
    id: 'internal.account-manager-alert',
    tone: 'neutral',
    locale: 'en',
    subject: 'Heads-up: {{ customer.name }} is {{ days_overdue }} days late on invoice {{ invoice.number }}',
    text: `Hi {{ account_manager.name | default: "team" }},

Your account {{ customer.name }} has {{ invoice.outstanding | money }} outstanding on invoice {{ invoice.number }}, now {{ days_overdue }} days past due. The reminders sent so far have not resolved it.

${INTERNAL_FACTS}

Could you reach out to your contacts there? A word from you often unblocks an approval. Let the collections team know what you learn; if the invoice stays unpaid, the collection ladder escalates further.

${INTERNAL_SIGNOFF}`,
  },

  // internal.credit-hold -------------------------------------------------------------------
  {
    id: 'internal.credit-hold',
    tone: 'neutral',
    locale: 'en',
    subject: 'Credit hold: {{ customer.name }} (invoice {{ invoice.number }}, {{ days_overdue }} days past due)',
    text: `Hi team,

Please place {{ customer.name }} on credit hold: invoice {{ invoice.number }} is {{ days_overdue }} days past due with {{ invoice.outstanding | money }} outstanding.

${INTERNAL_FACTS}

While the hold is in place, do not accept new orders or extend further credit without approval from finance. Lift the hold as soon as the balance is paid or a payment plan is agreed.

${INTERNAL_SIGNOFF}`,
  },

  // internal.agency-referral ---------------------------------------------------------------
  {
    id: 'internal.agency-referral',
    tone: 'neutral',
    locale: 'en',
    subject: 'Agency referral for review: {{ customer.name }}, invoice {{ invoice.number }}',
    text: `Hi team,

Invoice {{ invoice.number }} of {{ customer.name }} is {{ days_overdue }} days past due with {{ invoice.outstanding | money }} outstanding, and every earlier step of the collection ladder has been taken.

${INTERNAL_FACTS}

This referral needs an approval before anything is sent to the agency. Before approving, please check that there is no open dispute, no recent payment and no promise to pay, and that the customer's file is complete (invoice copy, reminders sent, contact history).

${INTERNAL_SIGNOFF}`,
  },
];
