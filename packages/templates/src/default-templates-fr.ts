/**
 * The default French templates: a French variant for every template id of the default set, in
 * the same tones as the English defaults (the ladder's notices, demand letters and call tasks;
 * the engine's own messages for promises, installment plans, offers, fees, interest and the
 * write-off warning; and the generic `consolidated` template for one message about several
 * invoices). Internal templates are addressed to colleagues.
 *
 * @module
 */
import type { TemplateDefinitionInput } from './template-set.js';

const BONJOUR = 'Bonjour {{ contact.name | default: customer.name }},';

const A_L_ATTENTION = `À l'attention de {{ contact.name | default: customer.name }}

Madame, Monsieur,`;

const RECAP = `Facture : {{ invoice.number }}
Émise le : {{ invoice.issue_date | date }}
Échéance : {{ invoice.due_date | date }}
Montant dû : {{ invoice.outstanding | money }}`;

const PAYER = '{% if payment_link %}Vous pouvez régler en ligne ici : {{ payment_link }}{% endif %}';
const DEJA_PAYE = 'Si vous avez déjà effectué le paiement, merci, et veuillez ne pas tenir compte de ce message.';

const CONTACTEZ_NOUS =
  '{% if company.reply_to %}répondez à cet e-mail{% else %}contactez-nous{% endif %}{% if company.phone %} ou appelez-nous au {{ company.phone }}{% endif %}';

const SIGNATURE = `Cordialement,
{{ company.name }}, service comptabilité clients`;

const SIGNATURE_PARTENAIRE = `Bien chaleureusement,
{{ company.name }}{% if account_manager %}
pour {{ account_manager.name }}, votre interlocuteur dédié{% endif %}`;

const SALUTATIONS = `Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.
{{ company.name }}, service comptabilité clients`;

const SMS_NOM = '{{ company.name | truncate: 40 }}';
const SMS_FACTURE = '{{ invoice.number | truncate: 30 }}';
const SMS_PAYER = '{% if payment_link %} Payer : {{ payment_link }}{% endif %}';
const SMS_STOP = ' STOP pour ne plus recevoir de SMS.';

const FAITS_INTERNES = `Client : {{ customer.name }}{% if customer.tier %} ({{ customer.tier }}){% endif %}
Facture : {{ invoice.number }}, échéance le {{ invoice.due_date | date }}
Restant dû : {{ invoice.outstanding | money }} sur {{ invoice.total | money }}
Jours de retard : {{ days_overdue }}
{% if contact %}Contact facturation : {{ contact.name | default: "(sans nom)" }}{% if contact.email %}, {{ contact.email }}{% endif %}{% if contact.phone %}, {{ contact.phone }}{% endif %}{% endif %}
{% if account_manager %}Responsable du compte : {{ account_manager.name }}{% endif %}
{% if promise %}{% if promise.status == "pending" %}Promesse de paiement en cours{% elsif promise.status == "broken" %}Promesse de paiement non tenue{% elsif promise.status == "partially-kept" %}Promesse de paiement partiellement tenue{% else %}Promesse de paiement, {{ promise.status }}{% endif %} : {{ promise.amount | money }} au plus tard le {{ promise.date | date }}{% endif %}
{% if plan %}Échéancier : {{ plan.installments }} échéances {% case plan.frequency %}{% when "weekly" %}hebdomadaires{% when "fortnightly" %}toutes les deux semaines{% when "monthly" %}mensuelles{% when "custom" %}à dates personnalisées{% else %}({{ plan.frequency }}){% endcase %} pour un total de {{ plan.total | money }}, dont {{ plan.paid | money }} réglés{% if plan.missed > 0 %}, échéances impayées : {{ plan.missed }}{% endif %}{% endif %}`;

const RECAP_ECHEANCIER = `{% if plan %}Total de l'échéancier : {{ plan.total | money }}
Déjà réglé : {{ plan.paid | money }}{% endif %}`;

const SIGNATURE_INTERNE = `Étape « {{ step.name }} » du scénario de relance ({{ step.id }}).
Dueflow, pour {{ company.name }}`;

/**
 * The French defaults: a French variant for every template id and tone of the English defaults.
 *
 * @example
 * ```ts
 * createTemplateRenderer({ company, defaults: DEFAULT_TEMPLATES_FR }); // only this language
 * ```
 */
export const DEFAULT_TEMPLATES_FR: readonly TemplateDefinitionInput[] = [
  // reminder.pre-due ------------------------------------------------------------------------
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
    voice: `Bonjour, ici {{ company.name }}, avec un petit rappel : la facture {{ invoice.number }}, d'un montant de {{ invoice.outstanding | money }}, arrive à échéance le {{ invoice.due_date | date }}. Pour toute question, n'hésitez pas à nous contacter{% if company.phone %} au {{ company.phone }}{% endif %}. Merci et bonne journée.`,
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
    voice: `Bonjour, ici {{ company.name }}. Nous vous rappelons que la facture {{ invoice.number }}, d'un montant de {{ invoice.outstanding | money }}, arrive à échéance le {{ invoice.due_date | date }}. Merci et bonne journée.`,
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

  // notice.due ------------------------------------------------------------------------------
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
    voice: `Bonjour, ici {{ company.name }}. La facture {{ invoice.number }}, d'un montant de {{ invoice.outstanding | money }}, arrive à échéance aujourd'hui. Si vous l'avez déjà réglée, merci. Dans le cas contraire, nous vous remercions de procéder au règlement dès aujourd'hui. Au revoir.`,
  },
  {
    id: 'notice.due',
    tone: 'friendly',
    locale: 'fr',
    subject: "La facture {{ invoice.number }} arrive à échéance aujourd'hui",
    text: `${BONJOUR}

Un petit mot pour vous rappeler que la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} arrive à échéance aujourd'hui.

${RECAP}

${PAYER}

${DEJA_PAYE} Merci beaucoup !

${SIGNATURE}`,
    sms: `${SMS_NOM} : petit rappel, la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) arrive à échéance aujourd'hui. Merci !${SMS_PAYER}${SMS_STOP}`,
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

  // notice.overdue --------------------------------------------------------------------------
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
    voice: `Bonjour, ici {{ company.name }}, au sujet de la facture {{ invoice.number }}. Le solde de {{ invoice.outstanding | money }}, échu le {{ invoice.due_date | date }}, est désormais en retard de {{ days_overdue }} jours. Merci de procéder au règlement dans les plus brefs délais, ou de nous rappeler{% if company.phone %} au {{ company.phone }}{% endif %} si la facture pose un problème. Au revoir.`,
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
    voice: `Bonjour, ici {{ company.name }}. La facture {{ invoice.number }}, d'un montant de {{ invoice.outstanding | money }}, était payable le {{ invoice.due_date | date }} et est désormais échue. Merci de procéder au règlement, ou de nous contacter pour toute question. Bonne journée.`,
  },
  {
    id: 'notice.overdue',
    tone: 'friendly',
    locale: 'fr',
    subject: 'La facture {{ invoice.number }} vous aurait-elle échappé ?',
    text: `${BONJOUR}

Il semble que la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }}, échue le {{ invoice.due_date | date }}, vous ait échappé. Cela arrive à tout le monde !

${RECAP}

${PAYER}

${DEJA_PAYE} Si quelque chose ne va pas sur la facture, répondez simplement à ce message et nous la corrigerons.

${SIGNATURE}`,
    sms: `${SMS_NOM} : la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}), échue le {{ invoice.due_date | date: "medium" }}, vous a peut-être échappé.${SMS_PAYER}${SMS_STOP}`,
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
    voice: `Bonjour, ici {{ company.name }}. Nous revenons vers vous au sujet de la facture {{ invoice.number }}, d'un montant de {{ invoice.outstanding | money }}. Si quelque chose la retient, nous serons heureux de vous aider, par un court appel ou un échéancier. N'hésitez pas à nous contacter quand cela vous convient. Merci.`,
  },

  // offer.payment-plan (strategic customers, after approval) --------------------------------
  {
    id: 'offer.payment-plan',
    tone: 'partnership',
    locale: 'fr',
    subject: 'Un échéancier pour la facture {{ invoice.number }}, si cela peut vous aider',
    text: `${BONJOUR}

La facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} est ouverte depuis {{ days_overdue }} jours, et nous savons que les budgets et les circuits de validation ne coïncident pas toujours avec les dates de facturation.

${RECAP}

Si cela peut vous aider, nous vous proposons volontiers d'étaler le solde en quelques versements, selon un calendrier adapté à votre situation. Répondez à ce message en nous indiquant ce qui vous conviendrait, ou proposez-nous un créneau pour un court appel{% if account_manager %} avec {{ account_manager.name }}{% endif %}, et nous le formaliserons par écrit.

${PAYER}

Merci pour notre collaboration.

${SIGNATURE_PARTENAIRE}`,
    sms: `${SMS_NOM} : un échéancier vous aiderait-il pour la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) ? Répondez-nous et nous le mettrons en place ensemble.${SMS_STOP}`,
  },
  {
    id: 'offer.payment-plan',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Paiement échelonné possible pour la facture {{ invoice.number }}',
    text: `${BONJOUR}

La facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }} est échue depuis {{ days_overdue }} jours. Si le règlement du solde en une seule fois vous pose difficulté, nous pouvons vous proposer un paiement échelonné.

${RECAP}

Répondez à ce message pour convenir d'un échéancier. ${PAYER}

${SIGNATURE}`,
    sms: `${SMS_NOM} : un paiement échelonné est possible pour la facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}). Répondez pour convenir d'un échéancier.${SMS_STOP}`,
  },

  // letter.demand ---------------------------------------------------------------------------
  {
    id: 'letter.demand',
    tone: 'final',
    locale: 'fr',
    subject: 'Mise en demeure de payer : facture {{ invoice.number }}',
    text: `${A_L_ATTENTION}

MISE EN DEMEURE DE PAYER

Malgré nos précédentes relances, la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }}, échue le {{ invoice.due_date | date }}, demeure impayée. Elle présente à ce jour un retard de {{ days_overdue }} jours.

${RECAP}

Par la présente, nous vous mettons en demeure de régler l'intégralité du solde dû dans un délai de 14 jours à compter de la date du présent courrier. ${PAYER}

À défaut de paiement dans ce délai, nous nous réservons le droit de confier le recouvrement de cette créance à une société de recouvrement, sans autre avis. Vos nouvelles commandes pourront être suspendues jusqu'au règlement du solde.

Si vous contestez ce montant, ou estimez l'avoir déjà réglé, veuillez nous contacter sans délai en nous communiquant les justificatifs correspondants afin que nous puissions les examiner.

Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.
{{ company.name }}, service comptabilité clients{% if company.phone %}
{{ company.phone }}{% endif %}{% if company.reply_to %}
{{ company.reply_to }}{% endif %}`,
    sms: `${SMS_NOM} : MISE EN DEMEURE. La facture ${SMS_FACTURE} ({{ invoice.outstanding | money }}) est en retard de {{ days_overdue }} jours. Réglez sous 14 jours pour éviter un recouvrement externe.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'letter.demand',
    tone: 'firm',
    locale: 'fr',
    subject: 'Demande formelle de paiement : facture {{ invoice.number }}',
    text: `${A_L_ATTENTION}

Malgré nos précédentes relances, la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }}, échue le {{ invoice.due_date | date }}, présente à ce jour un retard de {{ days_overdue }} jours.

${RECAP}

Nous vous demandons de régler le solde dû sous 14 jours. ${PAYER}

Si vous ne pouvez pas régler la totalité, contactez-nous dès maintenant pour convenir d'un échéancier ; à défaut, nous serons contraints d'engager d'autres démarches pour recouvrer cette somme.

${SALUTATIONS}`,
  },
  {
    id: 'letter.demand',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Demande de paiement : facture {{ invoice.number }}',
    text: `${A_L_ATTENTION}

La facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }}, échue le {{ invoice.due_date | date }}, présente à ce jour un retard de {{ days_overdue }} jours.

${RECAP}

Nous vous remercions de bien vouloir régler le solde dû dans les 14 jours suivant la date du présent courrier. ${PAYER}

Si vous avez déjà réglé cette facture, ou si vous en contestez le montant, merci de nous contacter en nous communiquant les détails.

${SALUTATIONS}`,
    voice: `Bonjour, ici {{ company.name }}, au sujet de la facture {{ invoice.number }}. Le solde de {{ invoice.outstanding | money }} est en retard de {{ days_overdue }} jours. Merci de le régler sous 14 jours, ou de nous contacter pour en discuter. Bonne journée.`,
  },
  {
    id: 'letter.demand',
    tone: 'partnership',
    locale: 'fr',
    subject: 'Facture {{ invoice.number }} : trouvons ensemble une solution',
    text: `${BONJOUR}

Je me permets de vous écrire au sujet de la facture {{ invoice.number }} d'un montant de {{ invoice.outstanding | money }}, échue le {{ invoice.due_date | date }} et toujours ouverte après {{ days_overdue }} jours.

${RECAP}

Notre relation compte beaucoup pour nous, et nous préférons régler cette question ensemble plutôt que de la laisser traîner. Pourrions-nous convenir d'un court appel dans les prochains jours ? Nous pouvons mettre en place un paiement échelonné, ou un calendrier adapté à votre cycle budgétaire.

${PAYER}

${SIGNATURE_PARTENAIRE}`,
  },

  // call.request (a task for a colleague) ---------------------------------------------------
  {
    id: 'call.request',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Appel à passer : {{ customer.name }}, facture {{ invoice.number }} ({{ days_overdue }} jours de retard)',
    text: `Bonjour l'équipe,

Merci d'appeler {{ customer.name }} au sujet de la facture {{ invoice.number }} : {{ invoice.outstanding | money }} restent impayés après {{ days_overdue }} jours de retard, et les relances envoyées jusqu'ici n'ont abouti à aucun paiement.

${FAITS_INTERNES}

Pendant l'appel : confirmer que la facture a bien été reçue et validée, obtenir une date de paiement, et consigner toute promesse de paiement ou contestation dans l'historique.

${SIGNATURE_INTERNE}`,
  },
  {
    id: 'call.request',
    tone: 'partnership',
    locale: 'fr',
    subject: 'Appel de courtoisie : {{ customer.name }}, facture {{ invoice.number }}',
    text: `Bonjour l'équipe,

{{ customer.name }} est un compte stratégique. Merci de passer un appel de courtoisie au sujet de la facture {{ invoice.number }} ({{ invoice.outstanding | money }}, {{ days_overdue }} jours de retard){% if account_manager %}, en prévenant d'abord {{ account_manager.name }}{% endif %}.

${FAITS_INTERNES}

Privilégiez la relation : cherchez à savoir si quelque chose bloque le paiement de leur côté, et proposez un échéancier si le moment est difficile. Consignez le résultat et toute promesse de paiement dans l'historique.

${SIGNATURE_INTERNE}`,
  },

  // internal.account-manager-alert ---------------------------------------------------------
  {
    id: 'internal.account-manager-alert',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Pour information : {{ customer.name }} a {{ days_overdue }} jours de retard sur la facture {{ invoice.number }}',
    text: `Bonjour {{ account_manager.name | default: "l'équipe" }},

Votre client {{ customer.name }} présente un impayé de {{ invoice.outstanding | money }} sur la facture {{ invoice.number }}, désormais en retard de {{ days_overdue }} jours. Les relances envoyées jusqu'ici n'ont pas suffi.

${FAITS_INTERNES}

Pourriez-vous prendre contact avec vos interlocuteurs chez ce client ? Un mot de votre part suffit souvent à débloquer une validation. Tenez l'équipe recouvrement informée de ce que vous apprenez ; si la facture reste impayée, le scénario de relance passera aux étapes suivantes.

${SIGNATURE_INTERNE}`,
  },

  // internal.credit-hold -------------------------------------------------------------------
  {
    id: 'internal.credit-hold',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Blocage du compte : {{ customer.name }} (facture {{ invoice.number }}, {{ days_overdue }} jours de retard)',
    text: `Bonjour l'équipe,

Merci de bloquer le compte de {{ customer.name }} : la facture {{ invoice.number }} est en retard de {{ days_overdue }} jours, avec un restant dû de {{ invoice.outstanding | money }}.

${FAITS_INTERNES}

Tant que le blocage est en place, n'acceptez aucune nouvelle commande et n'accordez aucun crédit supplémentaire sans l'accord de la direction financière. Levez le blocage dès que le solde est réglé ou qu'un échéancier est convenu.

${SIGNATURE_INTERNE}`,
  },

  // internal.agency-referral ---------------------------------------------------------------
  {
    id: 'internal.agency-referral',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Transmission à une société de recouvrement, à valider : {{ customer.name }}, facture {{ invoice.number }}',
    text: `Bonjour l'équipe,

La facture {{ invoice.number }} de {{ customer.name }} est en retard de {{ days_overdue }} jours avec un restant dû de {{ invoice.outstanding | money }}, et toutes les étapes précédentes du scénario de relance ont été effectuées.

${FAITS_INTERNES}

Cette transmission doit être approuvée avant tout envoi à la société de recouvrement. Avant d'approuver, vérifiez qu'il n'y a ni litige en cours, ni paiement récent, ni promesse de paiement, et que le dossier du client est complet (copie de la facture, relances envoyées, historique des échanges).

${SIGNATURE_INTERNE}`,
  },

  // promise.reminder (the day before a promised date) ----------------------------------------
  {
    id: 'promise.reminder',
    tone: 'friendly',
    locale: 'fr',
    subject:
      'Merci : votre paiement de la facture {{ invoice.number }} est prévu{% if promise %} pour le {{ promise.date | date }}{% endif %}',
    text: `${BONJOUR}

Merci encore de nous avoir indiqué quand attendre votre paiement. Comme convenu, {% if promise %}un règlement de {{ promise.amount | money }} est prévu pour le {{ promise.date | date }}{% else %}le règlement de la facture {{ invoice.number }} est prévu prochainement{% endif %}. Ce message est un simple rappel, pour que rien ne soit oublié.

${RECAP}

${PAYER}

Si quelque chose a changé de votre côté, répondez à ce message et nous conviendrons ensemble d'une nouvelle date. ${DEJA_PAYE}

${SIGNATURE}`,
    sms: `${SMS_NOM} : merci de votre engagement à régler la facture ${SMS_FACTURE}{% if promise %} ({{ promise.amount | money }}) d'ici le {{ promise.date | date: "medium" }}{% endif %}. Simple rappel.${SMS_PAYER}${SMS_STOP}`,
    voice: `Bonjour, ici {{ company.name }}. Merci d'avoir accepté de régler la facture {{ invoice.number }}{% if promise %}, soit {{ promise.amount | money }}, d'ici le {{ promise.date | date }}{% endif %}. Ceci est un rappel de courtoisie. Si quelque chose a changé, n'hésitez pas à nous contacter. Bonne journée.`,
  },
  {
    id: 'promise.reminder',
    tone: 'neutral',
    locale: 'fr',
    subject:
      'Rappel : paiement de la facture {{ invoice.number }}{% if promise %} attendu le {{ promise.date | date }}{% endif %}, comme convenu',
    text: `${BONJOUR}

Comme convenu, {% if promise %}un paiement de {{ promise.amount | money }} pour la facture {{ invoice.number }} est attendu au plus tard le {{ promise.date | date }}{% else %}le paiement de la facture {{ invoice.number }} est attendu prochainement{% endif %}.

${RECAP}

${PAYER}

${DEJA_PAYE}

${SIGNATURE}`,
    sms: `${SMS_NOM} : comme convenu, le paiement de la facture ${SMS_FACTURE}{% if promise %} ({{ promise.amount | money }}) est attendu d'ici le {{ promise.date | date: "medium" }}{% else %} est attendu prochainement{% endif %}.${SMS_PAYER}${SMS_STOP}`,
  },

  // promise.broken (after a promised date passed without the payment) ------------------------
  {
    id: 'promise.broken',
    tone: 'firm',
    locale: 'fr',
    subject:
      "Facture {{ invoice.number }} : le paiement promis{% if promise %} pour le {{ promise.date | date }}{% endif %} n'est pas arrivé",
    text: `${BONJOUR}

{% if promise %}Vous nous aviez promis un règlement de {{ promise.amount | money }} au plus tard le {{ promise.date | date }}{% if promise.paid.amount > 0 %}, et nous avons reçu {{ promise.paid | money }}{% else %}, mais ce paiement ne nous est pas parvenu{% endif %}.{% else %}Le paiement convenu pour la facture {{ invoice.number }} ne nous est pas parvenu.{% endif %} La facture {{ invoice.number }} présente désormais un restant dû de {{ invoice.outstanding | money }} et un retard de {{ days_overdue }} jours.

${RECAP}

Nous vous remercions de régler dès maintenant le solde dû. ${PAYER}

Si un empêchement a retardé le paiement, contactez-nous dès aujourd'hui afin de convenir d'une nouvelle date ou d'un échéancier ; à défaut, la procédure de relance habituelle reprendra.

${SIGNATURE}`,
    sms: `${SMS_NOM} : le paiement promis pour la facture ${SMS_FACTURE}{% if promise %} d'ici le {{ promise.date | date: "medium" }}{% endif %} n'est pas arrivé. Restant dû : {{ invoice.outstanding | money }}, merci de régler sans délai.${SMS_PAYER}${SMS_STOP}`,
    voice: `Bonjour, ici {{ company.name }}, au sujet de la facture {{ invoice.number }}. Le paiement promis{% if promise %} pour le {{ promise.date | date }}{% endif %} n'est pas arrivé, et il reste {{ invoice.outstanding | money }} à régler. Merci de régler aujourd'hui, ou de nous contacter pour convenir d'une nouvelle date. Bonne journée.`,
  },
  {
    id: 'promise.broken',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Facture {{ invoice.number }} : suivi du paiement convenu',
    text: `${BONJOUR}

Nous revenons vers vous au sujet du paiement convenu pour la facture {{ invoice.number }}{% if promise %} ({{ promise.amount | money }} au plus tard le {{ promise.date | date }}){% endif %}, que nous n'avons pas reçu en totalité. Il reste {{ invoice.outstanding | money }} à régler.

${RECAP}

${PAYER}

Si une autre date vous convient mieux, répondez à ce message et nous l'examinerons avec vous.

${SIGNATURE}`,
    sms: `${SMS_NOM} : nous n'avons pas reçu le paiement convenu pour la facture ${SMS_FACTURE}. Restant dû : {{ invoice.outstanding | money }}.${SMS_PAYER}${SMS_STOP}`,
  },

  // plan.installment-upcoming / -due / -missed ------------------------------------------------
  {
    id: 'plan.installment-upcoming',
    tone: 'friendly',
    locale: 'fr',
    subject:
      'Votre prochaine échéance{% if plan.installment %} de {{ plan.installment.remaining | money }} est à régler le {{ plan.installment.due_date | date }}{% endif %}',
    text: `${BONJOUR}

Un petit rappel concernant votre échéancier de paiement{% if plan.installment %} : l'échéance {{ plan.installment.seq }} sur {{ plan.installments }}, d'un montant de {{ plan.installment.remaining | money }}, est à régler le {{ plan.installment.due_date | date }}{% endif %}.

${RECAP_ECHEANCIER}

${PAYER}

Merci de votre régularité. Si une date ne vous convient plus, prévenez-nous avant l'échéance et nous verrons ce que nous pouvons faire.

${SIGNATURE}`,
    sms: `${SMS_NOM} : l'échéance{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}){% endif %} de votre échéancier est à régler{% if plan.installment %} le {{ plan.installment.due_date | date: "medium" }}{% else %} prochainement{% endif %}. Merci !${SMS_PAYER}${SMS_STOP}`,
    voice: `Bonjour, ici {{ company.name }}, avec un petit rappel concernant votre échéancier de paiement.{% if plan.installment %} L'échéance {{ plan.installment.seq }}, d'un montant de {{ plan.installment.remaining | money }}, est à régler le {{ plan.installment.due_date | date }}.{% endif %} Merci et bonne journée.`,
  },
  {
    id: 'plan.installment-upcoming',
    tone: 'neutral',
    locale: 'fr',
    subject:
      'Échéancier de paiement : échéance{% if plan.installment %} {{ plan.installment.seq }} à régler le {{ plan.installment.due_date | date }}{% endif %}',
    text: `${BONJOUR}

Nous vous rappelons que {% if plan.installment %}l'échéance {{ plan.installment.seq }} sur {{ plan.installments }} de votre échéancier de paiement, d'un montant de {{ plan.installment.remaining | money }}, est à régler le {{ plan.installment.due_date | date }}{% else %}la prochaine échéance de votre échéancier de paiement est à régler prochainement{% endif %}.

${RECAP_ECHEANCIER}

${PAYER}

${SIGNATURE}`,
    sms: `${SMS_NOM} : échéancier de paiement, échéance{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}) à régler le {{ plan.installment.due_date | date: "medium" }}{% else %} à venir{% endif %}.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'plan.installment-due',
    tone: 'neutral',
    locale: 'fr',
    subject:
      "Échéancier de paiement : l'échéance{% if plan.installment %} {{ plan.installment.seq }} de {{ plan.installment.remaining | money }}{% endif %} est à régler aujourd'hui",
    text: `${BONJOUR}

{% if plan.installment %}L'échéance {{ plan.installment.seq }} sur {{ plan.installments }} de votre échéancier de paiement, d'un montant de {{ plan.installment.remaining | money }}, est à régler aujourd'hui.{% else %}Une échéance de votre échéancier de paiement est à régler aujourd'hui.{% endif %}

${RECAP_ECHEANCIER}{% if plan and plan.arrears.amount > 0 %}
Échu et non encore réglé : {{ plan.arrears | money }}{% endif %}

${PAYER}

${DEJA_PAYE}

${SIGNATURE}`,
    sms: `${SMS_NOM} : l'échéance{% if plan.installment %} {{ plan.installment.seq }} ({{ plan.installment.remaining | money }}){% endif %} de votre échéancier est à régler aujourd'hui.${SMS_PAYER}${SMS_STOP}`,
    voice: `Bonjour, ici {{ company.name }}. Une échéance de votre échéancier de paiement{% if plan.installment %}, d'un montant de {{ plan.installment.remaining | money }},{% endif %} est à régler aujourd'hui. Si vous avez déjà payé, merci. Au revoir.`,
  },
  {
    id: 'plan.installment-missed',
    tone: 'firm',
    locale: 'fr',
    subject:
      'Échéance impayée sur votre échéancier de paiement{% if plan.installment %} (due le {{ plan.installment.due_date | date }}){% endif %}',
    text: `${BONJOUR}

Nous n'avons pas reçu {% if plan.installment %}l'échéance {{ plan.installment.seq }} de votre échéancier de paiement, d'un montant de {{ plan.installment.remaining | money }}, due le {{ plan.installment.due_date | date }}{% else %}la dernière échéance de votre échéancier de paiement{% endif %}.{% if plan %} Au titre de l'échéancier, {{ plan.arrears | money }} sont désormais exigibles et impayés.{% endif %}

${RECAP_ECHEANCIER}{% if plan %}
Échéances impayées : {{ plan.missed }}{% endif %}

Nous vous remercions de régler sans délai le montant impayé. ${PAYER}

L'échéancier n'est maintenu que si les échéances sont honorées : en cas de nouvel impayé, il prendra fin et la totalité du solde deviendra exigible selon notre procédure de recouvrement habituelle. Si vous rencontrez des difficultés, contactez-nous avant.

${SIGNATURE}`,
    sms: `${SMS_NOM} : l'échéance de votre échéancier{% if plan.installment %} due le {{ plan.installment.due_date | date: "medium" }}{% endif %} n'a pas été réglée{% if plan %} : {{ plan.arrears | money }} sont désormais exigibles{% endif %}. Merci de régler pour conserver l'échéancier.${SMS_PAYER}${SMS_STOP}`,
    voice: `Bonjour, ici {{ company.name }}. Une échéance de votre échéancier de paiement n'a pas été réglée{% if plan %}, et {{ plan.arrears | money }} sont désormais exigibles{% endif %}. Merci de régler au plus vite pour conserver l'échéancier, ou de nous contacter. Bonne journée.`,
  },
  {
    id: 'plan.installment-missed',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Échéancier de paiement : une échéance est en retard',
    text: `${BONJOUR}

{% if plan.installment %}L'échéance {{ plan.installment.seq }} de votre échéancier de paiement, d'un montant de {{ plan.installment.remaining | money }}, était à régler le {{ plan.installment.due_date | date }} et ne nous est pas parvenue.{% else %}Une échéance de votre échéancier de paiement est en retard.{% endif %}{% if plan %} Au titre de l'échéancier, {{ plan.arrears | money }} sont exigibles.{% endif %}

${PAYER}

N'hésitez pas à nous contacter si vous souhaitez revoir le calendrier.

${SIGNATURE}`,
    sms: `${SMS_NOM} : une échéance de votre échéancier est en retard{% if plan %} ; {{ plan.arrears | money }} sont exigibles{% endif %}.${SMS_PAYER}${SMS_STOP}`,
  },

  // offer.early-payment-discount ---------------------------------------------------------------
  {
    id: 'offer.early-payment-discount',
    tone: 'partnership',
    locale: 'fr',
    subject: 'Un escompte pour paiement anticipé sur la facture {{ invoice.number }}',
    text: `${BONJOUR}

Pour vous remercier de votre confiance, nous souhaitons vous proposer {% if offer %}un escompte de {{ offer.discount | money }} sur la facture {{ invoice.number }} : réglez {{ offer.new_total | money }} d'ici le {{ offer.deadline | date }} et la facture sera intégralement soldée{% else %}un escompte sur la facture {{ invoice.number }} en cas de paiement anticipé ; répondez à ce message et nous vous confirmerons le montant{% endif %}.

${RECAP}

${PAYER}

Si quelque chose vous en empêche, nous en parlerons volontiers lors d'un court appel, ou conviendrons plutôt d'un échéancier.

${SIGNATURE_PARTENAIRE}`,
    sms: `${SMS_NOM} : {% if offer %}réglez {{ offer.new_total | money }} d'ici le {{ offer.deadline | date: "medium" }} pour solder la facture ${SMS_FACTURE}, avec un escompte de {{ offer.discount | money }}.{% else %}un escompte pour paiement anticipé est possible sur la facture ${SMS_FACTURE} ; répondez pour en savoir plus.{% endif %}${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'offer.early-payment-discount',
    tone: 'neutral',
    locale: 'fr',
    subject: 'Escompte pour paiement anticipé possible : facture {{ invoice.number }}',
    text: `${BONJOUR}

{% if offer %}Si la facture {{ invoice.number }} est réglée au plus tard le {{ offer.deadline | date }}, nous accepterons {{ offer.new_total | money }} en règlement intégral, soit un escompte de {{ offer.discount | money }}. Passé cette date, la totalité du solde sera de nouveau due.{% else %}Un escompte pour paiement anticipé est possible sur la facture {{ invoice.number }}. Répondez à ce message et nous vous confirmerons le montant et la date limite.{% endif %}

${RECAP}

${PAYER}

${SIGNATURE}`,
    sms: `${SMS_NOM} : {% if offer %}réglez {{ offer.new_total | money }} d'ici le {{ offer.deadline | date: "medium" }} pour solder la facture ${SMS_FACTURE}.{% else %}un escompte pour paiement anticipé est possible sur la facture ${SMS_FACTURE}.{% endif %}${SMS_PAYER}${SMS_STOP}`,
  },

  // internal.write-off-warning -----------------------------------------------------------------
  {
    id: 'internal.write-off-warning',
    tone: 'neutral',
    locale: 'fr',
    subject:
      'Alerte passage en pertes : {{ customer.name }}, facture {{ invoice.number }}{% if write_off %} (seuil de {{ write_off.age_days }} jours atteint le {{ write_off.date | date }}){% endif %}',
    text: `Bonjour l'équipe,

La facture {{ invoice.number }} de {{ customer.name }} {% if write_off %}atteindra le seuil de passage en pertes de {{ write_off.age_days }} jours le {{ write_off.date | date }}{% else %}approche du seuil de passage en pertes{% endif %}, avec un restant dû de {{ invoice.outstanding | money }}.

${FAITS_INTERNES}

Avant cette date, merci de revoir le dossier : un paiement, une promesse ou un échéancier est-il en cours, y a-t-il un litige, la facture doit-elle être transmise à une société de recouvrement, ou faut-il la passer en pertes ? Consignez la décision dans l'historique.

${SIGNATURE_INTERNE}`,
  },

  // internal.late-fee / internal.interest ------------------------------------------------------
  {
    id: 'internal.late-fee',
    tone: 'neutral',
    locale: 'fr',
    subject:
      'Frais de retard{% if charge %} de {{ charge.amount | money }}{% endif %} sur la facture {{ invoice.number }} ({{ customer.name }})',
    text: `Bonjour l'équipe,

Des frais de retard {% if charge %}de {{ charge.amount | money }} ({{ charge.kind }}{% if charge.rule %} : {{ charge.rule }}{% endif %}) {% endif %}s'appliquent à la facture {{ invoice.number }} de {{ customer.name }}, en retard de {{ days_overdue }} jours avec un restant dû de {{ invoice.outstanding | money }}.

${FAITS_INTERNES}

Merci d'ajouter ces frais au compte du client dans le logiciel de facturation. Le montant et son mode de calcul sont consignés dans l'historique de la facture ; ils ne sont facturés qu'une fois pour cette étape.

${SIGNATURE_INTERNE}`,
  },
  {
    id: 'internal.interest',
    tone: 'neutral',
    locale: 'fr',
    subject:
      'Intérêts de retard{% if charge %} de {{ charge.amount | money }}{% endif %} sur la facture {{ invoice.number }} ({{ customer.name }})',
    text: `Bonjour l'équipe,

Des intérêts de retard {% if charge %}de {{ charge.amount | money }}{% if charge.from %} pour {{ charge.days }} jours, du {{ charge.from | date }} au {{ charge.to | date }}{% endif %}{% if charge.annual_basis_points %}, au taux annuel de {{ charge.annual_basis_points | divided_by: 100.0 }} %{% endif %} {% endif %}s'appliquent à la facture {{ invoice.number }} de {{ customer.name }}, sur un restant dû de {{ invoice.outstanding | money }}.

${FAITS_INTERNES}

Merci d'ajouter ces intérêts au compte du client dans le logiciel de facturation. La période, le taux et le nombre de jours sont consignés dans l'historique de la facture ; chaque période n'est facturée qu'une fois.

${SIGNATURE_INTERNE}`,
  },

  // consolidated (one message about several invoices) ------------------------------------------
  {
    id: 'consolidated',
    tone: 'neutral',
    locale: 'fr',
    subject: '{{ invoices.size }} factures, {{ total_outstanding | money }} à régler',
    text: `${BONJOUR}

Voici le récapitulatif des {{ invoices.size }} factures de votre compte, pour un total de {{ total_outstanding | money }} :

{% for i in invoices %}- Facture {{ i.number }} : {{ i.outstanding | money }}, échéance le {{ i.due_date | date }}{% if i.days_overdue > 0 %} (en retard de {{ i.days_overdue }} jours){% endif %}{% if i.payment_link %}. Payer : {{ i.payment_link }}{% endif %}
{% endfor %}
${DEJA_PAYE} Pour toute question, ${CONTACTEZ_NOUS}.

${SIGNATURE}`,
    sms: `${SMS_NOM} : {{ invoices.size }} factures de votre compte, pour un total de {{ total_outstanding | money }}, requièrent votre attention.${SMS_PAYER}${SMS_STOP}`,
    voice: `Bonjour, ici {{ company.name }}. {{ invoices.size }} factures de votre compte, pour un total de {{ total_outstanding | money }}, requièrent votre attention. Merci de consulter vos e-mails pour le détail, ou de nous contacter. Bonne journée.`,
  },
  {
    id: 'consolidated',
    tone: 'friendly',
    locale: 'fr',
    subject: 'Un petit point sur {{ invoices.size }} factures ({{ total_outstanding | money }})',
    text: `${BONJOUR}

Pour vous simplifier les choses, voici les {{ invoices.size }} factures à venir ou en cours sur votre compte, pour un total de {{ total_outstanding | money }} :

{% for i in invoices %}- Facture {{ i.number }} : {{ i.outstanding | money }}, échéance le {{ i.due_date | date }}{% if i.days_overdue > 0 %} (en retard de {{ i.days_overdue }} jours){% endif %}{% if i.payment_link %}. Payer : {{ i.payment_link }}{% endif %}
{% endfor %}
Si quelque chose vous semble incorrect, ou s'il vous faut des copies, dites-le-nous simplement. ${DEJA_PAYE}

Merci de votre confiance !

${SIGNATURE}`,
    sms: `${SMS_NOM} : petit rappel concernant {{ invoices.size }} factures de votre compte ({{ total_outstanding | money }} au total).${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'consolidated',
    tone: 'firm',
    locale: 'fr',
    subject: 'Action requise : {{ invoices.size }} factures, {{ total_outstanding | money }} à régler',
    text: `${BONJOUR}

Les {{ invoices.size }} factures suivantes de votre compte restent impayées, pour un total de {{ total_outstanding | money }} :

{% for i in invoices %}- Facture {{ i.number }} : {{ i.outstanding | money }}, échéance le {{ i.due_date | date }}{% if i.days_overdue > 0 %} (en retard de {{ i.days_overdue }} jours){% endif %}{% if i.payment_link %}. Payer : {{ i.payment_link }}{% endif %}
{% endfor %}
Nous vous remercions de procéder dès maintenant au règlement du solde. Si vous ne pouvez pas régler la totalité, contactez-nous pour convenir d'un échéancier. ${DEJA_PAYE}

${SIGNATURE}`,
    sms: `${SMS_NOM} : {{ invoices.size }} factures ({{ total_outstanding | money }} au total) sont en retard. Merci de régler sans délai ou de nous contacter.${SMS_PAYER}${SMS_STOP}`,
  },
  {
    id: 'consolidated',
    tone: 'partnership',
    locale: 'fr',
    subject: "Vue d'ensemble de {{ invoices.size }} factures en cours ({{ total_outstanding | money }})",
    text: `${BONJOUR}

Pour faciliter le travail de votre équipe, voici en un seul message les {{ invoices.size }} factures en cours entre nous, pour un total de {{ total_outstanding | money }} :

{% for i in invoices %}- Facture {{ i.number }} : {{ i.outstanding | money }}, échéance le {{ i.due_date | date }}{% if i.days_overdue > 0 %} (en retard de {{ i.days_overdue }} jours){% endif %}{% if i.payment_link %}. Payer : {{ i.payment_link }}{% endif %}
{% endfor %}
Si votre circuit de validation a besoin de quoi que ce soit de notre part, ou si le calendrier est difficile, dites-le-nous : un court appel ou un échéancier peuvent toujours s'envisager, et nous trouverons une solution adaptée.

${SIGNATURE_PARTENAIRE}`,
    sms: `${SMS_NOM} : un récapitulatif de {{ invoices.size }} factures en cours ({{ total_outstanding | money }} au total) vous attend par e-mail. Pour que nous vous aidions, répondez simplement.${SMS_STOP}`,
  },
];
