/**
 * The default English templates: every template id of the default ladder, with tone variants
 * for strategic customers (`partnership`) and for standard customers as the ladder escalates
 * (`friendly`, `neutral`, `firm`, `final`); the engine's own messages (promise reminders and
 * follow-ups, installment reminders, offers, fees, interest, the write-off warning); and the
 * generic `consolidated` template for one message about several invoices. Internal templates
 * are addressed to colleagues.
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

const SMS_NAME = '{{ company.name | truncate: 40 }}';
const SMS_INVOICE = '{{ invoice.number | truncate: 30 }}';
const SMS_PAY = '{% if payment_link %} Pay: {{ payment_link }}{% endif %}';
const SMS_STOP = ' Reply STOP to opt out.';

const INTERNAL_FACTS = `Customer: {{ customer.name }}{% if customer.tier %} ({{ customer.tier }}){% endif %}
Invoice: {{ invoice.number }}, due {{ invoice.due_date | date }}
Outstanding: {{ invoice.outstanding | money }} of {{ invoice.total | money }}
Days past due: {{ days_overdue }}
{% if contact %}Billing contact: {{ contact.name | default: "(no name)" }}{% if contact.email %}, {{ contact.email }}{% endif %}{% if contact.phone %}, {{ contact.phone }}{% endif %}{% endif %}
{% if account_manager %}Account manager: {{ account_manager.name }}{% endif %}
{% if promise %}{% if promise.status == "pending" %}Open promise to pay{% else %}Promise to pay, {{ promise.status }}{% endif %}: {{ promise.amount | money }} by {{ promise.date | date }}{% endif %}
{% if plan %}Installment plan: {{ plan.installments }} {{ plan.frequency }} installments totalling {{ plan.total | money }}, {{ plan.paid | money }} paid{% if plan.missed > 0 %}, {{ plan.missed }} missed{% endif %}{% endif %}`;

const PLAN_FACTS = `{% if plan %}Plan total: {{ plan.total | money }}
Paid so far: {{ plan.paid | money }}{% endif %}`;

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
  // promise.reminder (the day before a promised date) ----------------------------------------
  {
    id: 'promise.reminder',
    tone: 'friendly',
    locale: 'en',
    subject: 'Thank you: your payment for invoice {{ invoice.number }} is planned{% if promise %} for {{ promise.date | date }}{% endif %}',
    text: `${HELLO}

Thank you again for letting us know when to expect payment. As agreed, {% if promise %}{{ promise.amount | money }} is planned for {{ promise.date | date }}{% else %}payment of invoice {{ invoice.number }} is planned shortly{% endif %}. This is just a short reminder so nothing slips through the cracks.

${SUMMARY}

${PAY}

If anything has changed on your side, reply to this message and we will find a new date together. ${ALREADY_PAID}

${SIGNOFF}`,
    sms: `${SMS_NAME}: thank you for your promise to pay invoice ${SMS_INVOICE}{% if promise %} ({{ promise.amount | money }}) by {{ promise.date | date: "medium" }}{% endif %}. Just a reminder.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }}. Thank you for agreeing to pay invoice {{ invoice.number }}{% if promise %}, {{ promise.amount | money }}, by {{ promise.date | date }}{% endif %}. This is a courtesy reminder. If anything has changed, please contact us. Thank you.`,
  },
  {
    id: 'promise.reminder',
    tone: 'neutral',
    locale: 'en',
    subject: 'Reminder: payment for invoice {{ invoice.number }}{% if promise %} due {{ promise.date | date }}{% endif %}, as agreed',
    text: `${HELLO}

As agreed, {% if promise %}a payment of {{ promise.amount | money }} for invoice {{ invoice.number }} is due by {{ promise.date | date }}{% else %}payment of invoice {{ invoice.number }} is due shortly{% endif %}.

${SUMMARY}

${PAY}

${ALREADY_PAID}

${SIGNOFF}`,
    sms: `${SMS_NAME}: as agreed, payment for invoice ${SMS_INVOICE}{% if promise %} ({{ promise.amount | money }}) is due by {{ promise.date | date: "medium" }}{% endif %}.${SMS_PAY}${SMS_STOP}`,
  },

  // promise.broken (after a promised date passed without the payment) ------------------------
  {
    id: 'promise.broken',
    tone: 'firm',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }}: the payment promised{% if promise %} for {{ promise.date | date }}{% endif %} has not arrived',
    text: `${HELLO}

{% if promise %}You agreed to pay {{ promise.amount | money }} by {{ promise.date | date }}{% if promise.paid.amount > 0 %}, and we received {{ promise.paid | money }}{% else %}, but we have not received the payment{% endif %}.{% else %}The payment agreed for invoice {{ invoice.number }} has not arrived.{% endif %} Invoice {{ invoice.number }} now has {{ invoice.outstanding | money }} outstanding and is {{ days_overdue }} days past due.

${SUMMARY}

Please pay the outstanding balance now. ${PAY}

If something prevented the payment, contact us today so that we can agree a new date or a payment plan; otherwise the usual collection process resumes.

${SIGNOFF}`,
    sms: `${SMS_NAME}: the payment promised for invoice ${SMS_INVOICE}{% if promise %} by {{ promise.date | date: "medium" }}{% endif %} has not arrived. {{ invoice.outstanding | money }} is outstanding; please pay now.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }} about invoice {{ invoice.number }}. The payment you promised{% if promise %} for {{ promise.date | date }}{% endif %} has not arrived, and {{ invoice.outstanding | money }} is outstanding. Please pay today, or contact us to agree a new date. Thank you.`,
  },
  {
    id: 'promise.broken',
    tone: 'neutral',
    locale: 'en',
    subject: 'Invoice {{ invoice.number }}: following up on the agreed payment',
    text: `${HELLO}

We are following up on the payment agreed for invoice {{ invoice.number }}{% if promise %} ({{ promise.amount | money }} by {{ promise.date | date }}){% endif %}, which we have not received in full. {{ invoice.outstanding | money }} remains outstanding.

${SUMMARY}

${PAY}

If you need a different date, reply to this message and we will look at it with you.

${SIGNOFF}`,
    sms: `${SMS_NAME}: we have not received the agreed payment for invoice ${SMS_INVOICE}. {{ invoice.outstanding | money }} is outstanding.${SMS_PAY}${SMS_STOP}`,
  },

  // plan.installment-upcoming / -due / -missed ------------------------------------------------
  {
    id: 'plan.installment-upcoming',
    tone: 'friendly',
    locale: 'en',
    subject:
      'Your next installment{% if plan.installment %} of {{ plan.installment.remaining | money }} is due {{ plan.installment.due_date | date }}{% endif %}',
    text: `${HELLO}

A friendly reminder about your payment plan{% if plan.installment %}: installment {{ plan.installment.seq }} of {{ plan.installments }}, {{ plan.installment.remaining | money }}, is due on {{ plan.installment.due_date | date }}{% endif %}.

${PLAN_FACTS}

${PAY}

Thank you for keeping to the plan. If a date no longer works for you, let us know before it falls due and we will see what we can do.

${SIGNOFF}`,
    sms: `${SMS_NAME}: your payment plan installment{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}) is due {{ plan.installment.due_date | date: "medium" }}{% endif %}. Thank you!${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }} with a friendly reminder about your payment plan.{% if plan.installment %} Installment {{ plan.installment.seq }}, for {{ plan.installment.remaining | money }}, is due on {{ plan.installment.due_date | date }}.{% endif %} Thank you.`,
  },
  {
    id: 'plan.installment-upcoming',
    tone: 'neutral',
    locale: 'en',
    subject:
      'Payment plan: installment{% if plan.installment %} {{ plan.installment.seq }} due {{ plan.installment.due_date | date }}{% endif %}',
    text: `${HELLO}

This is a reminder that {% if plan.installment %}installment {{ plan.installment.seq }} of {{ plan.installments }} of your payment plan, {{ plan.installment.remaining | money }}, is due on {{ plan.installment.due_date | date }}{% else %}the next installment of your payment plan is due soon{% endif %}.

${PLAN_FACTS}

${PAY}

${SIGNOFF}`,
    sms: `${SMS_NAME}: payment plan installment{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}) due {{ plan.installment.due_date | date: "medium" }}{% endif %}.${SMS_PAY}${SMS_STOP}`,
  },
  {
    id: 'plan.installment-due',
    tone: 'neutral',
    locale: 'en',
    subject:
      'Payment plan: installment{% if plan.installment %} {{ plan.installment.seq }} of {{ plan.installment.remaining | money }}{% endif %} is due today',
    text: `${HELLO}

{% if plan.installment %}Installment {{ plan.installment.seq }} of {{ plan.installments }} of your payment plan, {{ plan.installment.remaining | money }}, is due today.{% else %}An installment of your payment plan is due today.{% endif %}

${PLAN_FACTS}{% if plan and plan.arrears.amount > 0 %}
Due and not yet paid: {{ plan.arrears | money }}{% endif %}

${PAY}

${ALREADY_PAID}

${SIGNOFF}`,
    sms: `${SMS_NAME}: payment plan installment{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}){% endif %} is due today.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }}. An installment of your payment plan{% if plan.installment %}, {{ plan.installment.remaining | money }},{% endif %} is due today. If you have already paid, thank you. Goodbye.`,
  },
  {
    id: 'plan.installment-missed',
    tone: 'firm',
    locale: 'en',
    subject: 'Missed installment on your payment plan{% if plan.installment %} (due {{ plan.installment.due_date | date }}){% endif %}',
    text: `${HELLO}

We have not received {% if plan.installment %}installment {{ plan.installment.seq }} of your payment plan, {{ plan.installment.remaining | money }}, due on {{ plan.installment.due_date | date }}{% else %}the latest installment of your payment plan{% endif %}.{% if plan %} {{ plan.arrears | money }} is now due and unpaid under the plan.{% endif %}

${PLAN_FACTS}{% if plan %}
Installments missed: {{ plan.missed }}{% endif %}

Please pay the missed amount now. ${PAY}

The plan stays in place only while installments are paid: if further installments are missed, the plan ends and the full balance becomes payable under our usual collection process. If you are having difficulty, contact us before then.

${SIGNOFF}`,
    sms: `${SMS_NAME}: your payment plan installment{% if plan.installment %} due {{ plan.installment.due_date | date: "medium" }}{% endif %} was missed.{% if plan %} {{ plan.arrears | money }} is now due;{% endif %} please pay to keep the plan.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }}. An installment of your payment plan was missed{% if plan %}, and {{ plan.arrears | money }} is now due{% endif %}. Please pay as soon as possible to keep the plan in place, or contact us. Thank you.`,
  },
  {
    id: 'plan.installment-missed',
    tone: 'neutral',
    locale: 'en',
    subject: 'Payment plan: an installment is overdue',
    text: `${HELLO}

{% if plan.installment %}Installment {{ plan.installment.seq }} of your payment plan, {{ plan.installment.remaining | money }}, was due on {{ plan.installment.due_date | date }} and has not been received.{% else %}An installment of your payment plan is overdue.{% endif %}{% if plan %} {{ plan.arrears | money }} is due under the plan.{% endif %}

${PAY}

Please contact us if you need to discuss the schedule.

${SIGNOFF}`,
    sms: `${SMS_NAME}: a payment plan installment is overdue{% if plan %}; {{ plan.arrears | money }} is due{% endif %}.${SMS_PAY}${SMS_STOP}`,
  },

  // offer.early-payment-discount ---------------------------------------------------------------
  {
    id: 'offer.early-payment-discount',
    tone: 'partnership',
    locale: 'en',
    subject: 'An early-payment discount on invoice {{ invoice.number }}',
    text: `${HELLO}

To thank you for working with us, we would like to offer {% if offer %}a discount of {{ offer.discount | money }} on invoice {{ invoice.number }}: pay {{ offer.new_total | money }} by {{ offer.deadline | date }} and the invoice is settled in full{% else %}a discount on invoice {{ invoice.number }} if it is paid early; reply to this message and we will confirm the amount{% endif %}.

${SUMMARY}

${PAY}

If anything stands in the way, we are glad to talk it through on a short call, or to agree a payment plan instead.

${WARM_SIGNOFF}`,
    sms: `${SMS_NAME}: {% if offer %}pay {{ offer.new_total | money }} by {{ offer.deadline | date: "medium" }} to settle invoice ${SMS_INVOICE} with a {{ offer.discount | money }} discount.{% else %}an early-payment discount is available on invoice ${SMS_INVOICE}; reply for details.{% endif %}${SMS_PAY}${SMS_STOP}`,
  },
  {
    id: 'offer.early-payment-discount',
    tone: 'neutral',
    locale: 'en',
    subject: 'Early-payment discount available: invoice {{ invoice.number }}',
    text: `${HELLO}

{% if offer %}If invoice {{ invoice.number }} is paid by {{ offer.deadline | date }}, we will accept {{ offer.new_total | money }} in full settlement, a discount of {{ offer.discount | money }}. After that date the full balance applies again.{% else %}An early-payment discount is available on invoice {{ invoice.number }}. Reply to this message and we will confirm the amount and the deadline.{% endif %}

${SUMMARY}

${PAY}

${SIGNOFF}`,
    sms: `${SMS_NAME}: {% if offer %}pay {{ offer.new_total | money }} by {{ offer.deadline | date: "medium" }} to settle invoice ${SMS_INVOICE}.{% else %}an early-payment discount is available on invoice ${SMS_INVOICE}.{% endif %}${SMS_PAY}${SMS_STOP}`,
  },

  // internal.write-off-warning -----------------------------------------------------------------
  {
    id: 'internal.write-off-warning',
    tone: 'neutral',
    locale: 'en',
    subject:
      'Write-off warning: {{ customer.name }}, invoice {{ invoice.number }}{% if write_off %} reaches {{ write_off.age_days }} days on {{ write_off.date | date }}{% endif %}',
    text: `Hi team,

Invoice {{ invoice.number }} of {{ customer.name }} {% if write_off %}reaches the write-off age of {{ write_off.age_days }} days on {{ write_off.date | date }}{% else %}is approaching the write-off age{% endif %}, with {{ invoice.outstanding | money }} still outstanding.

${INTERNAL_FACTS}

Before that date, please review the file: is a payment, a promise or a plan in progress, is there a dispute, should the invoice go to an agency, or should it be written off? Record the decision in the timeline.

${INTERNAL_SIGNOFF}`,
  },

  // internal.late-fee / internal.interest ------------------------------------------------------
  {
    id: 'internal.late-fee',
    tone: 'neutral',
    locale: 'en',
    subject: 'Late fee{% if charge %} of {{ charge.amount | money }}{% endif %} on invoice {{ invoice.number }} ({{ customer.name }})',
    text: `Hi team,

A late fee {% if charge %}of {{ charge.amount | money }} ({{ charge.kind }}{% if charge.rule %}: {{ charge.rule }}{% endif %}){% endif %} applies to invoice {{ invoice.number }} of {{ customer.name }}, {{ days_overdue }} days past due with {{ invoice.outstanding | money }} outstanding.

${INTERNAL_FACTS}

Please add the fee to the customer's account in the billing system. The amount and how it was computed are recorded on the invoice's timeline; it is charged once for this step.

${INTERNAL_SIGNOFF}`,
  },
  {
    id: 'internal.interest',
    tone: 'neutral',
    locale: 'en',
    subject:
      'Late-payment interest{% if charge %} of {{ charge.amount | money }}{% endif %} on invoice {{ invoice.number }} ({{ customer.name }})',
    text: `Hi team,

Late-payment interest {% if charge %}of {{ charge.amount | money }}{% if charge.from %} for {{ charge.days }} days, {{ charge.from | date }} to {{ charge.to | date }}{% endif %}{% if charge.annual_basis_points %}, at {{ charge.annual_basis_points | divided_by: 100.0 }}% a year{% endif %}{% endif %} applies to invoice {{ invoice.number }} of {{ customer.name }}, on {{ invoice.outstanding | money }} outstanding.

${INTERNAL_FACTS}

Please add the interest to the customer's account in the billing system. The period, rate and day count are recorded on the invoice's timeline; each period is charged once.

${INTERNAL_SIGNOFF}`,
  },

  // consolidated (one message about several invoices) ------------------------------------------
  {
    id: 'consolidated',
    tone: 'neutral',
    locale: 'en',
    subject: '{{ invoices.size }} invoices, {{ total_outstanding | money }} outstanding',
    text: `${HELLO}

Here is a summary of {{ invoices.size }} invoices on your account, {{ total_outstanding | money }} in total:

{% for i in invoices %}- Invoice {{ i.number }}: {{ i.outstanding | money }}, due {{ i.due_date | date }}{% if i.days_overdue > 0 %} ({{ i.days_overdue }} days past due){% endif %}{% if i.payment_link %}. Pay: {{ i.payment_link }}{% endif %}
{% endfor %}
${ALREADY_PAID} ${CONTACT_US} if you have any questions.

${SIGNOFF}`,
    sms: `${SMS_NAME}: {{ invoices.size }} invoices on your account, {{ total_outstanding | money }} in total, need your attention.${SMS_PAY}${SMS_STOP}`,
    voice: `Hello, this is {{ company.name }}. {{ invoices.size }} invoices on your account, {{ total_outstanding | money }} in total, need your attention. Please check your email for the details, or contact us. Thank you.`,
  },
  {
    id: 'consolidated',
    tone: 'friendly',
    locale: 'en',
    subject: 'A friendly note about {{ invoices.size }} invoices ({{ total_outstanding | money }})',
    text: `${HELLO}

To keep things simple, here are the {{ invoices.size }} invoices coming up or open on your account, {{ total_outstanding | money }} in total:

{% for i in invoices %}- Invoice {{ i.number }}: {{ i.outstanding | money }}, due {{ i.due_date | date }}{% if i.days_overdue > 0 %} ({{ i.days_overdue }} days past due){% endif %}{% if i.payment_link %}. Pay: {{ i.payment_link }}{% endif %}
{% endfor %}
If anything looks wrong, or you need copies, just let us know. ${ALREADY_PAID}

Thank you for your business!

${SIGNOFF}`,
    sms: `${SMS_NAME}: a friendly reminder about {{ invoices.size }} invoices on your account ({{ total_outstanding | money }} in total).${SMS_PAY}${SMS_STOP}`,
  },
  {
    id: 'consolidated',
    tone: 'firm',
    locale: 'en',
    subject: 'Action required: {{ invoices.size }} invoices, {{ total_outstanding | money }} outstanding',
    text: `${HELLO}

The following {{ invoices.size }} invoices on your account remain unpaid, {{ total_outstanding | money }} in total:

{% for i in invoices %}- Invoice {{ i.number }}: {{ i.outstanding | money }}, due {{ i.due_date | date }}{% if i.days_overdue > 0 %} ({{ i.days_overdue }} days past due){% endif %}{% if i.payment_link %}. Pay: {{ i.payment_link }}{% endif %}
{% endfor %}
Please arrange payment of the outstanding balance now. If you cannot pay in full, please contact us to agree a payment plan. ${ALREADY_PAID}

${SIGNOFF}`,
    sms: `${SMS_NAME}: {{ invoices.size }} invoices ({{ total_outstanding | money }} in total) are overdue. Please pay now or contact us.${SMS_PAY}${SMS_STOP}`,
  },
  {
    id: 'consolidated',
    tone: 'partnership',
    locale: 'en',
    subject: 'An overview of {{ invoices.size }} open invoices ({{ total_outstanding | money }})',
    text: `${HELLO}

To make things easier for your team, here is one overview of the {{ invoices.size }} open invoices between us, {{ total_outstanding | money }} in total:

{% for i in invoices %}- Invoice {{ i.number }}: {{ i.outstanding | money }}, due {{ i.due_date | date }}{% if i.days_overdue > 0 %} ({{ i.days_overdue }} days past due){% endif %}{% if i.payment_link %}. Pay: {{ i.payment_link }}{% endif %}
{% endfor %}
If your approval process needs anything from us, or the timing is difficult, tell us and we will find an arrangement that works.

${WARM_SIGNOFF}`,
    sms: `${SMS_NAME}: an overview of {{ invoices.size }} open invoices ({{ total_outstanding | money }} in total) is in your inbox. Anything we can help with, just reply.${SMS_STOP}`,
  },
];
