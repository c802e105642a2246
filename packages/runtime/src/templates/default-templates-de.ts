/**
 * The default German templates for the pre-due, due and overdue notices. Other template ids
 * fall back to English (see the fallback order of `createTemplateRenderer`).
 *
 * @module
 */
import type { TemplateDefinitionInput } from './template-set.js';

const ANREDE = 'Guten Tag {{ contact.name | default: customer.name }},';

const UEBERSICHT = `Rechnung: {{ invoice.number }}
Rechnungsdatum: {{ invoice.issue_date | date }}
Fällig am: {{ invoice.due_date | date }}
Offener Betrag: {{ invoice.outstanding | money }}`;

const ZAHLEN = '{% if payment_link %}Sie können hier online bezahlen: {{ payment_link }}{% endif %}';
const BEREITS = 'Falls Sie die Zahlung bereits veranlasst haben, vielen Dank; betrachten Sie diese Nachricht dann bitte als gegenstandslos.';

const GRUSS = `Mit freundlichen Grüßen
Ihre Debitorenbuchhaltung von {{ company.name }}`;

const GRUSS_PARTNER = `Herzliche Grüße
{{ company.name }}{% if account_manager %}
im Namen von {{ account_manager.name }}, Ihrer persönlichen Ansprechperson{% endif %}`;

const SMS_NAME = '{{ company.name | truncate: 40 }}';
const SMS_RECHNUNG = '{{ invoice.number | truncate: 30 }}';
const SMS_ZAHLEN = '{% if payment_link %} Zahlen: {{ payment_link }}{% endif %}';
const SMS_STOP = ' Abmelden: STOP antworten.';

/**
 * The German defaults.
 *
 * @example
 * ```ts
 * createTemplateRenderer({ company, defaults: DEFAULT_TEMPLATES_DE }); // only this language
 * ```
 */
export const DEFAULT_TEMPLATES_DE: readonly TemplateDefinitionInput[] = [
  {
    id: 'reminder.pre-due',
    tone: 'friendly',
    locale: 'de',
    subject: 'Freundliche Erinnerung: Rechnung {{ invoice.number }} ist am {{ invoice.due_date | date }} fällig',
    text: `${ANREDE}

eine kurze, freundliche Erinnerung: Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist in {{ days_until_due }} Tagen, am {{ invoice.due_date | date }}, fällig.

${UEBERSICHT}

${ZAHLEN}

Wenn auf der Rechnung etwas nicht stimmt oder Sie eine Kopie benötigen, geben Sie uns einfach Bescheid. ${BEREITS}

Vielen Dank für die Zusammenarbeit!

${GRUSS}`,
    sms: `${SMS_NAME}: freundliche Erinnerung, Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist am {{ invoice.due_date | date: "medium" }} fällig.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'reminder.pre-due',
    tone: 'neutral',
    locale: 'de',
    subject: 'Rechnung {{ invoice.number }} ist am {{ invoice.due_date | date }} fällig',
    text: `${ANREDE}

wir erinnern Sie daran, dass die Rechnung {{ invoice.number }} am {{ invoice.due_date | date }} fällig ist.

${UEBERSICHT}

${ZAHLEN}

${BEREITS}

${GRUSS}`,
    sms: `${SMS_NAME}: Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist am {{ invoice.due_date | date: "medium" }} fällig.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'reminder.pre-due',
    tone: 'partnership',
    locale: 'de',
    subject: 'Vorschau: Rechnung {{ invoice.number }} fällig am {{ invoice.due_date | date }}',
    text: `${ANREDE}

wir hoffen, bei Ihnen läuft alles gut. Damit zwischen unseren Teams alles reibungslos bleibt, ein kurzer Ausblick: Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} wird am {{ invoice.due_date | date }} fällig.

${UEBERSICHT}

${ZAHLEN}

Wenn Ihr Freigabeprozess noch etwas von uns braucht (eine Bestellnummer, einen anderen Rechnungskontakt, eine Kopie der Rechnung), sagen Sie es uns. Und falls der Zeitpunkt diesen Monat ungünstig ist, sprechen wir gern darüber.

Vielen Dank für die Partnerschaft.

${GRUSS_PARTNER}`,
    sms: `${SMS_NAME}: Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) wird am {{ invoice.due_date | date: "medium" }} fällig. Können wir helfen? Antworten Sie uns.${SMS_STOP}`,
  },
  {
    id: 'notice.due',
    tone: 'neutral',
    locale: 'de',
    subject: 'Rechnung {{ invoice.number }} ist heute fällig',
    text: `${ANREDE}

die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist heute, am {{ invoice.due_date | date }}, fällig.

${UEBERSICHT}

${ZAHLEN}

${BEREITS} Bei Fragen antworten Sie einfach auf diese Nachricht.

${GRUSS}`,
    sms: `${SMS_NAME}: Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist heute fällig.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'notice.due',
    tone: 'partnership',
    locale: 'de',
    subject: 'Rechnung {{ invoice.number }} wird heute fällig',
    text: `${ANREDE}

eine kurze Nachricht: Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} wird heute fällig.

${UEBERSICHT}

${ZAHLEN}

Falls die Zahlung schon unterwegs ist, vielen Dank. Wenn bei Ihnen etwas hakt, erfahren wir es lieber früh und helfen: Ein kurzes Gespräch oder ein Zahlungsplan lässt sich immer einrichten.

${GRUSS_PARTNER}`,
    sms: `${SMS_NAME}: Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) wird heute fällig. Hakt etwas? Antworten Sie uns, wir helfen.${SMS_STOP}`,
  },
  {
    id: 'notice.overdue',
    tone: 'firm',
    locale: 'de',
    subject: 'Zahlungserinnerung: Rechnung {{ invoice.number }} ist seit {{ days_overdue }} Tagen überfällig',
    text: `${ANREDE}

laut unseren Unterlagen war die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} am {{ invoice.due_date | date }} fällig und ist seit {{ days_overdue }} Tagen überfällig.

${UEBERSICHT}

Bitte begleichen Sie den offenen Betrag umgehend. ${ZAHLEN}

Falls Sie bereits gezahlt haben, teilen Sie uns bitte Zahlungsdatum und Verwendungszweck mit. Wenn es mit der Rechnung ein Problem gibt, melden Sie sich bitte in den nächsten Tagen, damit wir es klären können.

${GRUSS}`,
    sms: `${SMS_NAME}: Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist seit {{ days_overdue }} Tagen überfällig. Bitte umgehend zahlen.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'notice.overdue',
    tone: 'neutral',
    locale: 'de',
    subject: 'Rechnung {{ invoice.number }} ist überfällig',
    text: `${ANREDE}

die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} war am {{ invoice.due_date | date }} fällig und ist seit {{ days_overdue }} Tagen offen.

${UEBERSICHT}

${ZAHLEN}

${BEREITS}

${GRUSS}`,
    sms: `${SMS_NAME}: Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist überfällig.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'notice.overdue',
    tone: 'partnership',
    locale: 'de',
    subject: 'Kurze Rückfrage zur Rechnung {{ invoice.number }}',
    text: `${ANREDE}

ich melde mich persönlich wegen der Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }}, die am {{ invoice.due_date | date }} fällig war. Die Zahlung ist bei uns noch nicht eingegangen, und wir möchten sicherstellen, dass auf keiner Seite etwas hängt.

${UEBERSICHT}

${ZAHLEN}

Wenn der Zeitpunkt gerade schwierig ist: Uns liegt viel an der Zusammenarbeit, und wir finden gern eine passende Lösung, etwa ein kurzes Gespräch, ein paar Tage Aufschub oder eine Ratenzahlung. Antworten Sie einfach auf diese Nachricht.

${GRUSS_PARTNER}`,
    sms: `${SMS_NAME}: kurze Rückfrage zur Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}). Hilft ein Gespräch oder ein Zahlungsplan? Antworten Sie uns.${SMS_STOP}`,
  },
];
