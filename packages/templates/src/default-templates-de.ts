/**
 * The default German templates: German variants for every template id of the default set, in
 * the same tones as the English defaults: the ladder's notices, reminders and letters
 * (`friendly`, `neutral`, `firm`, `final`, and `partnership` for strategic customers); the
 * engine's own messages (promise reminders and follow-ups, installment reminders, offers, fees,
 * interest, the write-off warning); and the generic `consolidated` template for one message
 * about several invoices. Internal templates are addressed to colleagues. A part the English
 * variant does not have (such as `html`) is left out here as well.
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
const BEREITS =
  'Falls Sie die Zahlung bereits veranlasst haben, vielen Dank; betrachten Sie diese Nachricht dann bitte als gegenstandslos.';

const GRUSS = `Mit freundlichen Grüßen
Ihre Debitorenbuchhaltung von {{ company.name }}`;

const GRUSS_PARTNER = `Herzliche Grüße
{{ company.name }}{% if account_manager %}
im Namen von {{ account_manager.name }}, Ihrer persönlichen Ansprechperson{% endif %}`;

const SMS_NAME = '{{ company.name | truncate: 40 }}';
const SMS_RECHNUNG = '{{ invoice.number | truncate: 30 }}';
const SMS_ZAHLEN = '{% if payment_link %} Zahlen: {{ payment_link }}{% endif %}';
const SMS_STOP = ' Abmelden: STOP antworten.';

const KONTAKT =
  '{% if company.reply_to %}antworten Sie einfach auf diese E-Mail{% else %}melden Sie sich gern bei uns{% endif %}{% if company.phone %} oder rufen Sie uns unter {{ company.phone }} an{% endif %}';

const INTERNE_FAKTEN = `Kunde: {{ customer.name }}{% if customer.tier %} ({{ customer.tier }}){% endif %}
Rechnung: {{ invoice.number }}, fällig am {{ invoice.due_date | date }}
Offen: {{ invoice.outstanding | money }} von {{ invoice.total | money }}
Tage überfällig: {{ days_overdue }}
{% if contact %}Rechnungskontakt: {{ contact.name | default: "(ohne Namen)" }}{% if contact.email %}, {{ contact.email }}{% endif %}{% if contact.phone %}, {{ contact.phone }}{% endif %}{% endif %}
{% if account_manager %}Kundenbetreuung: {{ account_manager.name }}{% endif %}
{% if promise %}{% if promise.status == "pending" %}Offene Zahlungszusage{% else %}Zahlungszusage, Status {{ promise.status }}{% endif %}: {{ promise.amount | money }} bis {{ promise.date | date }}{% endif %}
{% if plan %}Ratenplan: {{ plan.installments }} Raten ({{ plan.frequency }}) über insgesamt {{ plan.total | money }}, davon {{ plan.paid | money }} bezahlt{% if plan.missed > 0 %}, {{ plan.missed }} versäumt{% endif %}{% endif %}`;

const PLAN_FAKTEN = `{% if plan %}Gesamtbetrag des Zahlungsplans: {{ plan.total | money }}
Bisher bezahlt: {{ plan.paid | money }}{% endif %}`;

const INTERNER_GRUSS = `Schritt „{{ step.name }}“ des Mahnlaufs ({{ step.id }}).
Dueflow, für {{ company.name }}`;

/**
 * The German defaults: a German variant for every template id and tone of the English defaults.
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
    voice: `Guten Tag, dies ist eine freundliche Erinnerung von {{ company.name }}. Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist am {{ invoice.due_date | date }} fällig. Bei Fragen melden Sie sich bitte bei uns{% if company.phone %} unter {{ company.phone }}{% endif %}. Vielen Dank.`,
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
    voice: `Guten Tag, hier ist {{ company.name }} mit einer Erinnerung: Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist am {{ invoice.due_date | date }} fällig. Vielen Dank.`,
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
    voice: `Guten Tag, hier ist {{ company.name }}. Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist heute fällig. Falls Sie bereits gezahlt haben, vielen Dank. Andernfalls veranlassen Sie die Zahlung bitte noch heute. Auf Wiederhören.`,
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
    id: 'notice.due',
    tone: 'friendly',
    locale: 'de',
    subject: 'Rechnung {{ invoice.number }} ist heute fällig',
    text: `${ANREDE}

nur ein kurzer Hinweis: Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist heute fällig.

${UEBERSICHT}

${ZAHLEN}

${BEREITS} Herzlichen Dank!

${GRUSS}`,
    sms: `${SMS_NAME}: nur eine kurze Erinnerung, Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist heute fällig. Vielen Dank!${SMS_ZAHLEN}${SMS_STOP}`,
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
    voice: `Guten Tag, hier ist {{ company.name }} wegen der Rechnung {{ invoice.number }}. Der offene Betrag von {{ invoice.outstanding | money }} war am {{ invoice.due_date | date }} fällig und ist seit {{ days_overdue }} Tagen überfällig. Bitte veranlassen Sie die Zahlung so bald wie möglich, oder rufen Sie uns{% if company.phone %} unter {{ company.phone }}{% endif %} zurück, falls es ein Problem mit der Rechnung gibt. Vielen Dank.`,
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
    voice: `Guten Tag, hier ist {{ company.name }}. Die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} war am {{ invoice.due_date | date }} fällig und ist nun überfällig. Bitte veranlassen Sie die Zahlung, oder melden Sie sich bei uns, wenn Sie Fragen haben. Vielen Dank.`,
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
    voice: `Guten Tag, hier ist {{ company.name }}. Wir melden uns wegen der Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }}. Falls etwas die Zahlung aufhält, helfen wir gern, mit einem kurzen Gespräch oder einem Zahlungsplan. Bitte melden Sie sich, wann es Ihnen passt. Vielen Dank.`,
  },
  {
    id: 'notice.overdue',
    tone: 'friendly',
    locale: 'de',
    subject: 'Ist die Rechnung {{ invoice.number }} untergegangen?',
    text: `${ANREDE}

möglicherweise ist die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }}, fällig am {{ invoice.due_date | date }}, im Tagesgeschäft untergegangen. Das kann jedem einmal passieren!

${UEBERSICHT}

${ZAHLEN}

${BEREITS} Falls mit der Rechnung etwas nicht stimmt, antworten Sie einfach, und wir korrigieren es.

${GRUSS}`,
    sms: `${SMS_NAME}: Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist vielleicht untergegangen, sie war am {{ invoice.due_date | date: "medium" }} fällig.${SMS_ZAHLEN}${SMS_STOP}`,
  },

  // offer.payment-plan (strategic customers, after approval) --------------------------------
  {
    id: 'offer.payment-plan',
    tone: 'partnership',
    locale: 'de',
    subject: 'Ein Zahlungsplan für die Rechnung {{ invoice.number }}, falls es Ihnen hilft',
    text: `${ANREDE}

die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist nun seit {{ days_overdue }} Tagen offen, und wir wissen, dass Budgets und Freigabezyklen nicht immer zu den Rechnungsterminen passen.

${UEBERSICHT}

Wenn es Ihnen hilft, verteilen wir den offenen Betrag gern auf einige Raten, nach einem Zeitplan, der zu Ihnen passt. Antworten Sie einfach auf diese Nachricht und sagen Sie uns, was für Sie machbar ist, oder schlagen Sie einen Termin für ein kurzes Gespräch{% if account_manager %} mit {{ account_manager.name }}{% endif %} vor; wir halten die Vereinbarung dann schriftlich fest.

${ZAHLEN}

Vielen Dank für die gute Zusammenarbeit.

${GRUSS_PARTNER}`,
    sms: `${SMS_NAME}: Hilft Ihnen ein Zahlungsplan für die Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }})? Antworten Sie uns, wir richten ihn gemeinsam ein.${SMS_STOP}`,
  },
  {
    id: 'offer.payment-plan',
    tone: 'neutral',
    locale: 'de',
    subject: 'Ratenzahlung für die Rechnung {{ invoice.number }} möglich',
    text: `${ANREDE}

die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }} ist seit {{ days_overdue }} Tagen überfällig. Falls Ihnen die Zahlung des gesamten Betrags auf einmal schwerfällt, können wir Ihnen eine Ratenzahlung anbieten.

${UEBERSICHT}

Antworten Sie auf diese Nachricht, um einen Zahlungsplan zu vereinbaren. ${ZAHLEN}

${GRUSS}`,
    sms: `${SMS_NAME}: Für die Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist eine Ratenzahlung möglich. Antworten Sie uns, um einen Zahlungsplan zu vereinbaren.${SMS_STOP}`,
  },

  // letter.demand ---------------------------------------------------------------------------
  {
    id: 'letter.demand',
    tone: 'final',
    locale: 'de',
    subject: 'Letzte Mahnung: Rechnung {{ invoice.number }}',
    text: `${ANREDE}

LETZTE MAHNUNG

Trotz unserer bisherigen Zahlungserinnerungen ist die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }}, fällig am {{ invoice.due_date | date }}, weiterhin unbezahlt. Sie ist inzwischen seit {{ days_overdue }} Tagen überfällig.

${UEBERSICHT}

Wir fordern Sie auf, den gesamten offenen Betrag innerhalb von 14 Tagen ab Datum dieses Schreibens zu begleichen. ${ZAHLEN}

Geht die Zahlung nicht innerhalb dieser Frist bei uns ein, behalten wir uns vor, die Forderung ohne weitere Ankündigung an ein Inkassounternehmen zu übergeben. Weitere Bestellungen können bis zum Ausgleich des offenen Betrags zurückgestellt werden.

Falls Sie den Betrag bestreiten oder ihn bereits bezahlt haben, setzen Sie sich bitte umgehend mit uns in Verbindung und teilen Sie uns die Einzelheiten mit, damit wir den Vorgang prüfen können.

${GRUSS}{% if company.phone %}
{{ company.phone }}{% endif %}{% if company.reply_to %}
{{ company.reply_to }}{% endif %}`,
    sms: `${SMS_NAME}: LETZTE MAHNUNG. Rechnung ${SMS_RECHNUNG} ({{ invoice.outstanding | money }}) ist seit {{ days_overdue }} Tagen überfällig. Zahlen Sie binnen 14 Tagen, um eine Inkassoübergabe zu vermeiden.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'letter.demand',
    tone: 'firm',
    locale: 'de',
    subject: 'Mahnung: Rechnung {{ invoice.number }}',
    text: `${ANREDE}

die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }}, fällig am {{ invoice.due_date | date }}, ist trotz unserer bisherigen Zahlungserinnerungen seit {{ days_overdue }} Tagen überfällig.

${UEBERSICHT}

Bitte begleichen Sie den offenen Betrag innerhalb von 14 Tagen. ${ZAHLEN}

Wenn Sie den Betrag nicht vollständig zahlen können, setzen Sie sich bitte jetzt mit uns in Verbindung, um eine Ratenzahlung zu vereinbaren; andernfalls müssen wir weitere Schritte zur Einziehung der Forderung einleiten.

${GRUSS}`,
  },
  {
    id: 'letter.demand',
    tone: 'neutral',
    locale: 'de',
    subject: 'Zahlungsaufforderung: Rechnung {{ invoice.number }}',
    text: `${ANREDE}

die Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }}, fällig am {{ invoice.due_date | date }}, ist seit {{ days_overdue }} Tagen überfällig.

${UEBERSICHT}

Bitte begleichen Sie den offenen Betrag innerhalb von 14 Tagen ab Datum dieses Schreibens. ${ZAHLEN}

Falls Sie bereits gezahlt haben oder den Betrag bestreiten, teilen Sie uns bitte die Einzelheiten mit.

${GRUSS}`,
    voice: `Guten Tag, hier ist {{ company.name }} zur Rechnung {{ invoice.number }}. Der offene Betrag von {{ invoice.outstanding | money }} ist seit {{ days_overdue }} Tagen überfällig. Bitte zahlen Sie innerhalb von 14 Tagen, oder melden Sie sich bei uns, um darüber zu sprechen. Vielen Dank.`,
  },
  {
    id: 'letter.demand',
    tone: 'partnership',
    locale: 'de',
    subject: 'Rechnung {{ invoice.number }}: Lassen Sie uns gemeinsam eine Lösung finden',
    text: `${ANREDE}

ich schreibe Ihnen wegen der Rechnung {{ invoice.number }} über {{ invoice.outstanding | money }}, die am {{ invoice.due_date | date }} fällig war und nach {{ days_overdue }} Tagen noch offen ist.

${UEBERSICHT}

Die Zusammenarbeit mit Ihnen ist uns sehr wichtig, und wir möchten die Sache lieber gemeinsam klären, als sie in die Länge zu ziehen. Könnten wir in den nächsten Tagen ein kurzes Gespräch vereinbaren? Wir können eine Ratenzahlung vereinbaren oder einen Zahlungsplan, der zu Ihrem Budgetzyklus passt.

${ZAHLEN}

${GRUSS_PARTNER}`,
  },

  // call.request (a task for a colleague) ---------------------------------------------------
  {
    id: 'call.request',
    tone: 'neutral',
    locale: 'de',
    subject: 'Anrufaufgabe: {{ customer.name }}, Rechnung {{ invoice.number }} ({{ days_overdue }} Tage überfällig)',
    text: `Hallo zusammen,

bitte {{ customer.name }} wegen der Rechnung {{ invoice.number }} anrufen: {{ invoice.outstanding | money }} sind seit {{ days_overdue }} Tagen überfällig, und die bisherigen Erinnerungen haben zu keiner Zahlung geführt.

${INTERNE_FAKTEN}

Im Gespräch: bestätigen lassen, dass die Rechnung eingegangen und freigegeben ist, nach einem Zahlungstermin fragen und jede Zahlungszusage oder Beanstandung im Verlauf festhalten.

${INTERNER_GRUSS}`,
  },
  {
    id: 'call.request',
    tone: 'partnership',
    locale: 'de',
    subject: 'Betreuungsanruf: {{ customer.name }}, Rechnung {{ invoice.number }}',
    text: `Hallo zusammen,

{{ customer.name }} ist ein strategischer Kunde. Bitte wegen der Rechnung {{ invoice.number }} ({{ invoice.outstanding | money }}, seit {{ days_overdue }} Tagen überfällig) einen freundlichen Betreuungsanruf führen{% if account_manager %} und vorher {{ account_manager.name }} einbinden{% endif %}.

${INTERNE_FAKTEN}

Die Kundenbeziehung steht im Vordergrund: fragen, ob auf Kundenseite etwas die Zahlung blockiert, und einen Zahlungsplan anbieten, falls der Zeitpunkt schwierig ist. Ergebnis und eine etwaige Zahlungszusage im Verlauf festhalten.

${INTERNER_GRUSS}`,
  },

  // internal.account-manager-alert ---------------------------------------------------------
  {
    id: 'internal.account-manager-alert',
    tone: 'neutral',
    locale: 'de',
    subject: 'Hinweis: {{ customer.name }} ist mit der Rechnung {{ invoice.number }} seit {{ days_overdue }} Tagen im Verzug',
    text: `Hallo {{ account_manager.name | default: "zusammen" }},

bei Ihrem Kunden {{ customer.name }} sind auf der Rechnung {{ invoice.number }} noch {{ invoice.outstanding | money }} offen, inzwischen seit {{ days_overdue }} Tagen überfällig. Die bisher versandten Erinnerungen haben das nicht gelöst.

${INTERNE_FAKTEN}

Könnten Sie sich bei Ihren Ansprechpartnern dort melden? Ein Wort von Ihnen beschleunigt oft eine Freigabe. Bitte geben Sie dem Forderungsmanagement Bescheid, was Sie erfahren; bleibt die Rechnung unbezahlt, eskaliert der Mahnlauf weiter.

${INTERNER_GRUSS}`,
  },

  // internal.credit-hold -------------------------------------------------------------------
  {
    id: 'internal.credit-hold',
    tone: 'neutral',
    locale: 'de',
    subject: 'Kreditsperre: {{ customer.name }} (Rechnung {{ invoice.number }}, {{ days_overdue }} Tage überfällig)',
    text: `Hallo zusammen,

bitte {{ customer.name }} auf Kreditsperre setzen: Die Rechnung {{ invoice.number }} ist seit {{ days_overdue }} Tagen überfällig, offen sind {{ invoice.outstanding | money }}.

${INTERNE_FAKTEN}

Solange die Sperre besteht, ohne Freigabe der Finanzabteilung keine neuen Aufträge annehmen und keinen weiteren Kredit gewähren. Die Sperre aufheben, sobald der Betrag bezahlt oder ein Zahlungsplan vereinbart ist.

${INTERNER_GRUSS}`,
  },

  // internal.agency-referral ---------------------------------------------------------------
  {
    id: 'internal.agency-referral',
    tone: 'neutral',
    locale: 'de',
    subject: 'Inkassoübergabe zur Prüfung: {{ customer.name }}, Rechnung {{ invoice.number }}',
    text: `Hallo zusammen,

die Rechnung {{ invoice.number }} von {{ customer.name }} ist seit {{ days_overdue }} Tagen überfällig, offen sind {{ invoice.outstanding | money }}, und alle vorherigen Stufen des Mahnlaufs wurden durchlaufen.

${INTERNE_FAKTEN}

Diese Übergabe muss freigegeben werden, bevor etwas an das Inkassounternehmen geht. Vor der Freigabe bitte prüfen, dass keine offene Beanstandung, keine aktuelle Zahlung und keine Zahlungszusage vorliegt und dass die Kundenakte vollständig ist (Rechnungskopie, versandte Mahnungen, Kontaktverlauf).

${INTERNER_GRUSS}`,
  },
  // promise.reminder (the day before a promised date) ----------------------------------------
  {
    id: 'promise.reminder',
    tone: 'friendly',
    locale: 'de',
    subject:
      'Vielen Dank: Ihre Zahlung zur Rechnung {{ invoice.number }} ist{% if promise %} für den {{ promise.date | date }}{% endif %} vorgesehen',
    text: `${ANREDE}

nochmals vielen Dank, dass Sie uns mitgeteilt haben, wann wir mit der Zahlung rechnen können. Wie vereinbart {% if promise %}sind {{ promise.amount | money }} für den {{ promise.date | date }} vorgesehen{% else %}ist die Zahlung der Rechnung {{ invoice.number }} in Kürze vorgesehen{% endif %}. Dies ist nur eine kurze Erinnerung, damit nichts untergeht.

${UEBERSICHT}

${ZAHLEN}

Falls sich bei Ihnen etwas geändert hat, antworten Sie einfach auf diese Nachricht, und wir finden gemeinsam einen neuen Termin. ${BEREITS}

${GRUSS}`,
    sms: `${SMS_NAME}: vielen Dank für Ihre Zahlungszusage zur Rechnung ${SMS_RECHNUNG}{% if promise %} ({{ promise.amount | money }}) bis {{ promise.date | date: "medium" }}{% endif %}. Nur eine kurze Erinnerung.${SMS_ZAHLEN}${SMS_STOP}`,
    voice: `Guten Tag, hier ist {{ company.name }}. Vielen Dank für Ihre Zusage, die Rechnung {{ invoice.number }}{% if promise %} über {{ promise.amount | money }} bis zum {{ promise.date | date }}{% endif %} zu bezahlen. Dies ist eine freundliche Erinnerung. Falls sich etwas geändert hat, melden Sie sich bitte bei uns. Vielen Dank.`,
  },
  {
    id: 'promise.reminder',
    tone: 'neutral',
    locale: 'de',
    subject:
      'Erinnerung: vereinbarte Zahlung zur Rechnung {{ invoice.number }}{% if promise %}, fällig am {{ promise.date | date }}{% endif %}',
    text: `${ANREDE}

wie vereinbart {% if promise %}ist eine Zahlung von {{ promise.amount | money }} für die Rechnung {{ invoice.number }} bis zum {{ promise.date | date }} fällig{% else %}ist die Zahlung der Rechnung {{ invoice.number }} in Kürze fällig{% endif %}.

${UEBERSICHT}

${ZAHLEN}

${BEREITS}

${GRUSS}`,
    sms: `${SMS_NAME}: Wie vereinbart ist die Zahlung zur Rechnung ${SMS_RECHNUNG}{% if promise %} ({{ promise.amount | money }}) bis {{ promise.date | date: "medium" }}{% endif %} fällig.${SMS_ZAHLEN}${SMS_STOP}`,
  },

  // promise.broken (after a promised date passed without the payment) ------------------------
  {
    id: 'promise.broken',
    tone: 'firm',
    locale: 'de',
    subject:
      'Rechnung {{ invoice.number }}: Die zugesagte Zahlung{% if promise %} zum {{ promise.date | date }}{% endif %} ist nicht eingegangen',
    text: `${ANREDE}

{% if promise %}Sie hatten zugesagt, {{ promise.amount | money }} bis zum {{ promise.date | date }} zu zahlen{% if promise.paid.amount > 0 %}, und wir haben {{ promise.paid | money }} erhalten{% else %}, die Zahlung ist bei uns jedoch nicht eingegangen{% endif %}.{% else %}die für die Rechnung {{ invoice.number }} vereinbarte Zahlung ist nicht eingegangen.{% endif %} Bei der Rechnung {{ invoice.number }} sind nun noch {{ invoice.outstanding | money }} offen, und sie ist seit {{ days_overdue }} Tagen überfällig.

${UEBERSICHT}

Bitte begleichen Sie den offenen Betrag jetzt. ${ZAHLEN}

Falls etwas die Zahlung verhindert hat, melden Sie sich bitte noch heute, damit wir einen neuen Termin oder einen Zahlungsplan vereinbaren können; andernfalls wird das übliche Mahnverfahren fortgesetzt.

${GRUSS}`,
    sms: `${SMS_NAME}: Die zugesagte Zahlung zur Rechnung ${SMS_RECHNUNG}{% if promise %} bis {{ promise.date | date: "medium" }}{% endif %} ist nicht eingegangen. Offen: {{ invoice.outstanding | money }}, bitte jetzt zahlen.${SMS_ZAHLEN}${SMS_STOP}`,
    voice: `Guten Tag, hier ist {{ company.name }} zur Rechnung {{ invoice.number }}. Die zugesagte Zahlung{% if promise %} zum {{ promise.date | date }}{% endif %} ist nicht eingegangen, und {{ invoice.outstanding | money }} sind noch offen. Bitte zahlen Sie noch heute, oder melden Sie sich bei uns, um einen neuen Termin zu vereinbaren. Vielen Dank.`,
  },
  {
    id: 'promise.broken',
    tone: 'neutral',
    locale: 'de',
    subject: 'Rechnung {{ invoice.number }}: Nachfrage zur vereinbarten Zahlung',
    text: `${ANREDE}

wir kommen auf die für die Rechnung {{ invoice.number }} vereinbarte Zahlung zurück{% if promise %} ({{ promise.amount | money }} bis zum {{ promise.date | date }}){% endif %}, die bei uns nicht vollständig eingegangen ist. Offen sind noch {{ invoice.outstanding | money }}.

${UEBERSICHT}

${ZAHLEN}

Falls Sie einen anderen Termin benötigen, antworten Sie auf diese Nachricht, und wir sehen uns das gemeinsam mit Ihnen an.

${GRUSS}`,
    sms: `${SMS_NAME}: Die vereinbarte Zahlung zur Rechnung ${SMS_RECHNUNG} ist nicht eingegangen. Offen: {{ invoice.outstanding | money }}.${SMS_ZAHLEN}${SMS_STOP}`,
  },

  // plan.installment-upcoming / -due / -missed ------------------------------------------------
  {
    id: 'plan.installment-upcoming',
    tone: 'friendly',
    locale: 'de',
    subject:
      'Ihre nächste Rate{% if plan.installment %} über {{ plan.installment.remaining | money }} ist am {{ plan.installment.due_date | date }} fällig{% endif %}',
    text: `${ANREDE}

eine freundliche Erinnerung an Ihren Zahlungsplan{% if plan.installment %}: Die Rate {{ plan.installment.seq }} von {{ plan.installments }} über {{ plan.installment.remaining | money }} ist am {{ plan.installment.due_date | date }} fällig{% endif %}.

${PLAN_FAKTEN}

${ZAHLEN}

Vielen Dank, dass Sie sich an den Zahlungsplan halten. Falls ein Termin für Sie nicht mehr passt, geben Sie uns bitte vor der Fälligkeit Bescheid, und wir suchen gemeinsam eine Lösung.

${GRUSS}`,
    sms: `${SMS_NAME}: Erinnerung an Ihre Rate{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}), fällig am {{ plan.installment.due_date | date: "medium" }}{% endif %}. Vielen Dank!${SMS_ZAHLEN}${SMS_STOP}`,
    voice: `Guten Tag, hier ist {{ company.name }} mit einer freundlichen Erinnerung an Ihren Zahlungsplan.{% if plan.installment %} Die Rate {{ plan.installment.seq }} über {{ plan.installment.remaining | money }} ist am {{ plan.installment.due_date | date }} fällig.{% endif %} Vielen Dank.`,
  },
  {
    id: 'plan.installment-upcoming',
    tone: 'neutral',
    locale: 'de',
    subject:
      'Zahlungsplan: Rate{% if plan.installment %} {{ plan.installment.seq }} fällig am {{ plan.installment.due_date | date }}{% endif %}',
    text: `${ANREDE}

wir erinnern Sie daran, dass {% if plan.installment %}die Rate {{ plan.installment.seq }} von {{ plan.installments }} Ihres Zahlungsplans über {{ plan.installment.remaining | money }} am {{ plan.installment.due_date | date }} fällig ist{% else %}die nächste Rate Ihres Zahlungsplans in Kürze fällig ist{% endif %}.

${PLAN_FAKTEN}

${ZAHLEN}

${GRUSS}`,
    sms: `${SMS_NAME}: Erinnerung an die Rate{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}), fällig am {{ plan.installment.due_date | date: "medium" }},{% endif %} aus Ihrem Zahlungsplan.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'plan.installment-due',
    tone: 'neutral',
    locale: 'de',
    subject:
      'Zahlungsplan: Rate{% if plan.installment %} {{ plan.installment.seq }} über {{ plan.installment.remaining | money }}{% endif %} ist heute fällig',
    text: `${ANREDE}

{% if plan.installment %}die Rate {{ plan.installment.seq }} von {{ plan.installments }} Ihres Zahlungsplans über {{ plan.installment.remaining | money }} ist heute fällig.{% else %}heute ist eine Rate Ihres Zahlungsplans fällig.{% endif %}

${PLAN_FAKTEN}{% if plan and plan.arrears.amount > 0 %}
Fällig und noch nicht bezahlt: {{ plan.arrears | money }}{% endif %}

${ZAHLEN}

${BEREITS}

${GRUSS}`,
    sms: `${SMS_NAME}: Die Rate{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}){% endif %} aus Ihrem Zahlungsplan ist heute fällig.${SMS_ZAHLEN}${SMS_STOP}`,
    voice: `Guten Tag, hier ist {{ company.name }}. Heute ist eine Rate Ihres Zahlungsplans{% if plan.installment %} über {{ plan.installment.remaining | money }}{% endif %} fällig. Falls Sie bereits gezahlt haben, vielen Dank. Auf Wiederhören.`,
  },
  {
    id: 'plan.installment-missed',
    tone: 'firm',
    locale: 'de',
    subject: 'Versäumte Rate Ihres Zahlungsplans{% if plan.installment %} (fällig am {{ plan.installment.due_date | date }}){% endif %}',
    text: `${ANREDE}

wir haben {% if plan.installment %}die Rate {{ plan.installment.seq }} Ihres Zahlungsplans über {{ plan.installment.remaining | money }}, fällig am {{ plan.installment.due_date | date }},{% else %}die letzte fällige Rate Ihres Zahlungsplans{% endif %} nicht erhalten.{% if plan %} Aus dem Zahlungsplan sind nun {{ plan.arrears | money }} fällig und unbezahlt.{% endif %}

${PLAN_FAKTEN}{% if plan %}
Versäumte Raten: {{ plan.missed }}{% endif %}

Bitte zahlen Sie den ausstehenden Betrag jetzt. ${ZAHLEN}

Der Zahlungsplan bleibt nur bestehen, solange die Raten bezahlt werden: Werden weitere Raten versäumt, endet der Zahlungsplan, und der gesamte offene Betrag wird im Rahmen unseres üblichen Mahnverfahrens fällig. Wenn Sie Schwierigkeiten haben, melden Sie sich bitte vorher bei uns.

${GRUSS}`,
    sms: `${SMS_NAME}: Die{% if plan.installment %} am {{ plan.installment.due_date | date: "medium" }} fällige{% endif %} Rate Ihres Zahlungsplans wurde nicht gezahlt.{% if plan %} Jetzt fällig: {{ plan.arrears | money }}.{% endif %} Bitte zahlen Sie, damit der Plan bestehen bleibt.${SMS_ZAHLEN}${SMS_STOP}`,
    voice: `Guten Tag, hier ist {{ company.name }}. Eine Rate Ihres Zahlungsplans wurde nicht gezahlt{% if plan %}, und es sind nun {{ plan.arrears | money }} fällig{% endif %}. Bitte zahlen Sie so bald wie möglich, damit der Zahlungsplan bestehen bleibt, oder melden Sie sich bei uns. Vielen Dank.`,
  },
  {
    id: 'plan.installment-missed',
    tone: 'neutral',
    locale: 'de',
    subject: 'Zahlungsplan: Eine Rate ist überfällig',
    text: `${ANREDE}

{% if plan.installment %}die Rate {{ plan.installment.seq }} Ihres Zahlungsplans über {{ plan.installment.remaining | money }} war am {{ plan.installment.due_date | date }} fällig und ist bei uns noch nicht eingegangen.{% else %}eine Rate Ihres Zahlungsplans ist überfällig.{% endif %}{% if plan %} Aus dem Zahlungsplan sind {{ plan.arrears | money }} fällig.{% endif %}

${ZAHLEN}

Bitte melden Sie sich bei uns, wenn Sie über den Zeitplan sprechen möchten.

${GRUSS}`,
    sms: `${SMS_NAME}: Eine Rate Ihres Zahlungsplans ist überfällig{% if plan %}; fällig sind {{ plan.arrears | money }}{% endif %}.${SMS_ZAHLEN}${SMS_STOP}`,
  },

  // offer.early-payment-discount ---------------------------------------------------------------
  {
    id: 'offer.early-payment-discount',
    tone: 'partnership',
    locale: 'de',
    subject: 'Skonto bei vorzeitiger Zahlung der Rechnung {{ invoice.number }}',
    text: `${ANREDE}

als Dankeschön für die gute Zusammenarbeit möchten wir Ihnen {% if offer %}einen Nachlass von {{ offer.discount | money }} auf die Rechnung {{ invoice.number }} anbieten: Zahlen Sie {{ offer.new_total | money }} bis zum {{ offer.deadline | date }}, und die Rechnung ist vollständig beglichen{% else %}ein Skonto auf die Rechnung {{ invoice.number }} bei vorzeitiger Zahlung anbieten; antworten Sie auf diese Nachricht, und wir bestätigen Ihnen den Betrag{% endif %}.

${UEBERSICHT}

${ZAHLEN}

Falls etwas im Weg steht, sprechen wir gern in einem kurzen Gespräch darüber oder vereinbaren stattdessen einen Zahlungsplan.

${GRUSS_PARTNER}`,
    sms: `${SMS_NAME}: {% if offer %}Zahlen Sie {{ offer.new_total | money }} bis {{ offer.deadline | date: "medium" }}, um die Rechnung ${SMS_RECHNUNG} mit {{ offer.discount | money }} Nachlass zu begleichen.{% else %}Für die Rechnung ${SMS_RECHNUNG} ist ein Skonto bei vorzeitiger Zahlung möglich; antworten Sie uns für Details.{% endif %}${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'offer.early-payment-discount',
    tone: 'neutral',
    locale: 'de',
    subject: 'Skonto möglich: Rechnung {{ invoice.number }}',
    text: `${ANREDE}

{% if offer %}wenn die Rechnung {{ invoice.number }} bis zum {{ offer.deadline | date }} bezahlt wird, akzeptieren wir {{ offer.new_total | money }} als vollständigen Ausgleich, also einen Nachlass von {{ offer.discount | money }}. Nach diesem Datum gilt wieder der volle offene Betrag.{% else %}für die Rechnung {{ invoice.number }} ist ein Skonto bei vorzeitiger Zahlung möglich. Antworten Sie auf diese Nachricht, und wir bestätigen Ihnen Betrag und Frist.{% endif %}

${UEBERSICHT}

${ZAHLEN}

${GRUSS}`,
    sms: `${SMS_NAME}: {% if offer %}Zahlen Sie {{ offer.new_total | money }} bis {{ offer.deadline | date: "medium" }}, um die Rechnung ${SMS_RECHNUNG} zu begleichen.{% else %}Für die Rechnung ${SMS_RECHNUNG} ist ein Skonto bei vorzeitiger Zahlung möglich.{% endif %}${SMS_ZAHLEN}${SMS_STOP}`,
  },

  // internal.write-off-warning -----------------------------------------------------------------
  {
    id: 'internal.write-off-warning',
    tone: 'neutral',
    locale: 'de',
    subject:
      'Abschreibungswarnung: {{ customer.name }}, Rechnung {{ invoice.number }}{% if write_off %} erreicht am {{ write_off.date | date }} {{ write_off.age_days }} Tage{% endif %}',
    text: `Hallo zusammen,

die Rechnung {{ invoice.number }} von {{ customer.name }} {% if write_off %}erreicht am {{ write_off.date | date }} die Abschreibungsgrenze von {{ write_off.age_days }} Tagen{% else %}nähert sich der Abschreibungsgrenze{% endif %}, und es sind noch {{ invoice.outstanding | money }} offen.

${INTERNE_FAKTEN}

Bitte die Akte vor diesem Datum prüfen: Läuft eine Zahlung, eine Zahlungszusage oder ein Zahlungsplan, gibt es eine Beanstandung, soll die Rechnung an ein Inkassounternehmen gehen oder soll sie abgeschrieben werden? Die Entscheidung im Verlauf festhalten.

${INTERNER_GRUSS}`,
  },

  // internal.late-fee / internal.interest ------------------------------------------------------
  {
    id: 'internal.late-fee',
    tone: 'neutral',
    locale: 'de',
    subject:
      'Mahngebühr{% if charge %} von {{ charge.amount | money }}{% endif %} für die Rechnung {{ invoice.number }} ({{ customer.name }})',
    text: `Hallo zusammen,

für die Rechnung {{ invoice.number }} von {{ customer.name }} fällt eine Mahngebühr {% if charge %}von {{ charge.amount | money }} ({{ charge.kind }}{% if charge.rule %}: {{ charge.rule }}{% endif %}) {% endif %}an. Die Rechnung ist seit {{ days_overdue }} Tagen überfällig, offen sind {{ invoice.outstanding | money }}.

${INTERNE_FAKTEN}

Bitte die Gebühr im Abrechnungssystem dem Kundenkonto belasten. Betrag und Berechnung sind im Verlauf der Rechnung festgehalten; die Gebühr wird für diesen Schritt einmal berechnet.

${INTERNER_GRUSS}`,
  },
  {
    id: 'internal.interest',
    tone: 'neutral',
    locale: 'de',
    subject:
      'Verzugszinsen{% if charge %} von {{ charge.amount | money }}{% endif %} für die Rechnung {{ invoice.number }} ({{ customer.name }})',
    text: `Hallo zusammen,

für die Rechnung {{ invoice.number }} von {{ customer.name }} fallen Verzugszinsen{% if charge %} von {{ charge.amount | money }}{% if charge.from %} für {{ charge.days }} Tage, vom {{ charge.from | date }} bis zum {{ charge.to | date }}{% endif %}{% if charge.annual_basis_points %}, zu {{ charge.annual_basis_points | divided_by: 100.0 | replace: ".", "," }} % pro Jahr{% endif %}{% endif %} an, berechnet auf den offenen Betrag von {{ invoice.outstanding | money }}.

${INTERNE_FAKTEN}

Bitte die Zinsen im Abrechnungssystem dem Kundenkonto belasten. Zeitraum, Zinssatz und Anzahl der Tage sind im Verlauf der Rechnung festgehalten; jeder Zeitraum wird einmal berechnet.

${INTERNER_GRUSS}`,
  },

  // consolidated (one message about several invoices) ------------------------------------------
  {
    id: 'consolidated',
    tone: 'neutral',
    locale: 'de',
    subject: '{{ invoices.size }} Rechnungen, {{ total_outstanding | money }} offen',
    text: `${ANREDE}

hier eine Übersicht über {{ invoices.size }} Rechnungen auf Ihrem Konto, insgesamt {{ total_outstanding | money }}:

{% for i in invoices %}- Rechnung {{ i.number }}: {{ i.outstanding | money }}, fällig am {{ i.due_date | date }}{% if i.days_overdue > 0 %} (seit {{ i.days_overdue }} Tagen überfällig){% endif %}{% if i.payment_link %}. Zahlen: {{ i.payment_link }}{% endif %}
{% endfor %}
${BEREITS} Bei Fragen ${KONTAKT}.

${GRUSS}`,
    sms: `${SMS_NAME}: {{ invoices.size }} Rechnungen auf Ihrem Konto, insgesamt {{ total_outstanding | money }}, erfordern Ihre Aufmerksamkeit.${SMS_ZAHLEN}${SMS_STOP}`,
    voice: `Guten Tag, hier ist {{ company.name }}. {{ invoices.size }} Rechnungen auf Ihrem Konto, insgesamt {{ total_outstanding | money }}, erfordern Ihre Aufmerksamkeit. Die Einzelheiten finden Sie in Ihrer E-Mail, oder melden Sie sich bei uns. Vielen Dank.`,
  },
  {
    id: 'consolidated',
    tone: 'friendly',
    locale: 'de',
    subject: 'Ein freundlicher Hinweis zu {{ invoices.size }} Rechnungen ({{ total_outstanding | money }})',
    text: `${ANREDE}

der Einfachheit halber hier die {{ invoices.size }} anstehenden oder offenen Rechnungen auf Ihrem Konto, insgesamt {{ total_outstanding | money }}:

{% for i in invoices %}- Rechnung {{ i.number }}: {{ i.outstanding | money }}, fällig am {{ i.due_date | date }}{% if i.days_overdue > 0 %} (seit {{ i.days_overdue }} Tagen überfällig){% endif %}{% if i.payment_link %}. Zahlen: {{ i.payment_link }}{% endif %}
{% endfor %}
Wenn etwas nicht stimmt oder Sie Kopien benötigen, geben Sie uns einfach Bescheid. ${BEREITS}

Vielen Dank für die Zusammenarbeit!

${GRUSS}`,
    sms: `${SMS_NAME}: freundliche Erinnerung an {{ invoices.size }} Rechnungen auf Ihrem Konto (insgesamt {{ total_outstanding | money }}).${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'consolidated',
    tone: 'firm',
    locale: 'de',
    subject: 'Handlungsbedarf: {{ invoices.size }} Rechnungen, {{ total_outstanding | money }} offen',
    text: `${ANREDE}

die folgenden {{ invoices.size }} Rechnungen auf Ihrem Konto sind weiterhin unbezahlt, insgesamt {{ total_outstanding | money }}:

{% for i in invoices %}- Rechnung {{ i.number }}: {{ i.outstanding | money }}, fällig am {{ i.due_date | date }}{% if i.days_overdue > 0 %} (seit {{ i.days_overdue }} Tagen überfällig){% endif %}{% if i.payment_link %}. Zahlen: {{ i.payment_link }}{% endif %}
{% endfor %}
Bitte begleichen Sie den offenen Betrag jetzt. Wenn Sie nicht den vollen Betrag zahlen können, setzen Sie sich bitte mit uns in Verbindung, um eine Ratenzahlung zu vereinbaren. ${BEREITS}

${GRUSS}`,
    sms: `${SMS_NAME}: {{ invoices.size }} Rechnungen (insgesamt {{ total_outstanding | money }}) sind überfällig. Bitte zahlen Sie jetzt oder melden Sie sich bei uns.${SMS_ZAHLEN}${SMS_STOP}`,
  },
  {
    id: 'consolidated',
    tone: 'partnership',
    locale: 'de',
    subject: 'Übersicht über {{ invoices.size }} offene Rechnungen ({{ total_outstanding | money }})',
    text: `${ANREDE}

um Ihrem Team die Arbeit zu erleichtern, hier eine gemeinsame Übersicht über die {{ invoices.size }} offenen Rechnungen zwischen uns, insgesamt {{ total_outstanding | money }}:

{% for i in invoices %}- Rechnung {{ i.number }}: {{ i.outstanding | money }}, fällig am {{ i.due_date | date }}{% if i.days_overdue > 0 %} (seit {{ i.days_overdue }} Tagen überfällig){% endif %}{% if i.payment_link %}. Zahlen: {{ i.payment_link }}{% endif %}
{% endfor %}
Wenn Ihr Freigabeprozess noch etwas von uns braucht oder der Zeitpunkt ungünstig ist, sagen Sie es uns, und wir finden gemeinsam eine passende Lösung.

${GRUSS_PARTNER}`,
    sms: `${SMS_NAME}: Eine Übersicht über {{ invoices.size }} offene Rechnungen (insgesamt {{ total_outstanding | money }}) liegt in Ihrem Postfach. Können wir helfen? Antworten Sie uns.${SMS_STOP}`,
  },
];
