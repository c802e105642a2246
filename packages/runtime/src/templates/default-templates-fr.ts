/**
 * The default French templates for the pre-due, due and overdue notices. Other template ids
 * fall back to English (see the fallback order of `createTemplateRenderer`).
 *
 * @module
 */
import type { TemplateDefinitionInput } from './template-set.js';

const BONJOUR = 'Bonjour {{ contact.name | default: customer.name }},';

const RECAP = `Facture : {{ invoice.number }}
Émise le : {{ invoice.issue_date | date }}
Échéance : {{ invoice.due_date | date }}
Montant dû : {{ invoice.outstanding | money }}`;

const PAYER = '{% if payment_link %}Vous pouvez régler en ligne ici : {{ payment_link }}{% endif %}';
const DEJA_PAYE = 'Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.';

const SIGNATURE = `Cordialement,
{{ company.name }}, service comptabilité clients`;

const SIGNATURE_PARTENAIRE = `Bien chaleureusement,
{{ company.name }}{% if account_manager %}
pour {{ account_manager.name }}, votre interlocuteur dédié{% endif %}`;

const SMS_NOM = '{{ company.name | truncate: 40 }}';
const SMS_FACTURE = '{{ invoice.number | truncate: 30 }}';
const SMS_PAYER = '{% if payment_link %} Payer : {{ payment_link }}{% endif %}';
const SMS_STOP = ' STOP pour ne plus recevoir de SMS.';

/**
 * The French defaults.
 *
 * @example
 * ```ts
 * createTemplateRenderer({ company, defaults: DEFAULT_TEMPLATES_FR }); // only this language
 * ```
 */
export const DEFAULT_TEMPLATES_FR: readonly TemplateDefinitionInput[] = [
  {
    id: 'reminder.pre-due',
    tone: 'friendly',
    locale: 'fr',
    subject: 'Petit rappel : la facture {{ invoice.number }} arrive à échéance le {{ invoice.due_date | date }}',
    text: `${BONJOUR}

Un petit rappel amical : la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} arrive à échéance dans {{ days_until_due }} jours, le {{ invoice.due_date | date }}.

${RECAP}

${PAYER}

Si quelque chose vous semble incorrect sur la facture, ou s'il vous en faut une copie, dites-le-nous simplement. ${DEJA_PAYE}

Merci de votre confiance !

${SIGNATURE}`,
    sms: `${SMS_NOM} : petit rappel, la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) arrive à échéance le {{ invoice.due_date | date: "medium" }}.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'reminder.pre-due',
    tone: 'neutral',
    locale: 'fr',
    subject: 'La facture {{ invoice.number }} arrive à échéance le {{ invoice.due_date | date }}',
    text: `${BONJOUR}

Nous vous rappelons que la facture {{ invoice.number }} arrive à échéance le {{ invoice.due_date | date }}.

${RECAP}

${PAYER}

${DEJA_PAYE}

${SIGNATURE}`,
    sms: `${SMS_NOM} : la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) arrive à échéance le {{ invoice.due_date | date: "medium" }}.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'reminder.pre-due',
    tone: 'partnership',
    locale: 'fr',
    subject: 'À venir : facture {{ invoice.number }}, échéance le {{ invoice.due_date | date }}',
    text: `${BONJOUR}

Nous espérons que tout va bien de votre côté. Pour que tout se passe simplement entre nos équipes, voici un aperçu : la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} arrive à échéance le {{ invoice.due_date | date }}.

${RECAP}

${PAYER}

Si votre circuit de validation a besoin de quoi que ce soit (numéro de bon de commande, autre contact de facturation, copie de la facture), dites-le-nous. Et si le calendrier est difficile ce mois-ci, un court appel ou un échéancier peuvent toujours s'envisager.

Merci pour notre collaboration.

${SIGNATURE_PARTENAIRE}`,
    sms: `${SMS_NOM} : la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) arrive à échéance le {{ invoice.due_date | date: "medium" }}. Besoin d'aide ? Répondez-nous.${SMS_STOP}`,
  },
  {
    id: 'notice.due',
    tone: 'neutral',
    locale: 'fr',
    subject: "La facture {{ invoice.number }} arrive à échéance aujourd'hui",
    text: `${BONJOUR}

La facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} arrive à échéance aujourd'hui, le {{ invoice.due_date | date }}.

${RECAP}

${PAYER}

${DEJA_PAYE} Pour toute question, répondez simplement à ce message.

${SIGNATURE}`,
    sms: `${SMS_NOM} : la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) arrive à échéance aujourd'hui.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'notice.due',
    tone: 'partnership',
    locale: 'fr',
    subject: "La facture {{ invoice.number }} arrive à échéance aujourd'hui",
    text: `${BONJOUR}

Un court message pour vous signaler que la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} arrive à échéance aujourd'hui.

${RECAP}

${PAYER}

Si le règlement est déjà en route, merci. Si quelque chose le retient de votre côté, nous préférons le savoir tôt pour vous aider : un court appel ou un échéancier peuvent toujours être envisagés.

${SIGNATURE_PARTENAIRE}`,
    sms: `${SMS_NOM} : la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) arrive à échéance aujourd'hui. Un souci ? Répondez-nous, nous vous aiderons.${SMS_STOP}`,
  },
  {
    id: 'notice.overdue',
    tone: 'firm',
    locale: 'fr',
    subject: 'Impayé : la facture {{ invoice.number }} est en retard de {{ days_overdue }} jours',
    text: `${BONJOUR}

Sauf erreur de notre part, la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }}, échue le {{ invoice.due_date | date }}, reste impayée depuis {{ days_overdue }} jours.

${RECAP}

Nous vous remercions de procéder dès maintenant au règlement du solde. ${PAYER}

Si vous avez déjà payé, merci de nous indiquer la date et la référence du paiement. Si la facture pose un problème, signalez-le-nous dans les prochains jours afin que nous puissions le résoudre.

${SIGNATURE}`,
    sms: `${SMS_NOM} : la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) est en retard de {{ days_overdue }} jours. Merci de régler sans délai.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'notice.overdue',
    tone: 'neutral',
    locale: 'fr',
    subject: 'La facture {{ invoice.number }} est échue',
    text: `${BONJOUR}

La facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} était payable le {{ invoice.due_date | date }} et est échue depuis {{ days_overdue }} jours.

${RECAP}

${PAYER}

${DEJA_PAYE}

${SIGNATURE}`,
    sms: `${SMS_NOM} : la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) est échue.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'notice.overdue',
    tone: 'partnership',
    locale: 'fr',
    subject: 'Point sur la facture {{ invoice.number }}',
    text: `${BONJOUR}

Je me permets de revenir vers vous au sujet de la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }}, échue le {{ invoice.due_date | date }}. Nous ne l'avons pas encore reçue et voulons nous assurer que rien n'est bloqué.

${RECAP}

${PAYER}

Si le moment est difficile, nous tenons à notre collaboration et trouverons volontiers une solution adaptée : un court appel, quelques jours de plus ou un paiement en plusieurs fois. Répondez simplement à ce message.

${SIGNATURE_PARTENAIRE}`,
    sms: `${SMS_NOM} : point sur la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}). Un appel ou un échéancier vous aiderait ? Répondez-nous.${SMS_STOP}`,
  },
];
