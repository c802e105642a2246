import { actionActivity } from '../src/engine/index.js';
import {
  nextAction,
  parseSnapshot,
  planState,
  settlePlan,
  settlePromise,
  type Activity,
  type CompiledPolicy,
  type CreditNote,
  type Customer,
  type Decision,
  type InstallmentPlan,
  type Invoice,
  type Payment,
  type PromiseToPay,
  type Snapshot,
} from '../src/index.js';

/**
 * A one-invoice world driven by a simulated clock, the way the runtime drives the engine: each
 * tick settles promises and plans, then decides until the engine waits, recording every act as
 * sent (or awaiting approval). Used to replay negotiation scenarios end to end.
 */
export class World {
  invoice: Invoice;
  customer: Customer;
  payments: Payment[] = [];
  credits: CreditNote[] = [];
  activities: Activity[] = [];
  promise: PromiseToPay | undefined;
  plan: InstallmentPlan | undefined;
  /** Every decision that acted, in order, with the instant it was taken. */
  readonly acts: { at: string; decision: Extract<Decision, { kind: 'act' }> }[] = [];
  private seq = 0;

  constructor(
    readonly policy: CompiledPolicy,
    invoice: Invoice,
    customer: Customer,
  ) {
    this.invoice = invoice;
    this.customer = customer;
  }

  snapshot(): Snapshot {
    return parseSnapshot({
      invoice: this.invoice,
      customer: this.customer,
      payments: this.payments,
      credits: this.credits,
      activities: this.activities,
      ...(this.promise !== undefined ? { promise: this.promise } : {}),
      ...(this.plan !== undefined ? { plan: this.plan } : {}),
    });
  }

  nextId(prefix: string): string {
    return `${prefix}-${++this.seq}`;
  }

  /** Runs one tick at `iso`; returns the final (non-act) decision. */
  tick(iso: string): Decision {
    const at = Date.parse(iso);
    if (this.promise !== undefined) {
      const settled = settlePromise(
        this.promise,
        {
          customerId: this.customer.id,
          payments: this.payments,
          graceDays: this.policy.source.promises.graceDays,
          zone: this.customer.timeZone,
          zones: this.policy.zones,
        },
        { at, idPrefix: this.nextId('promise') },
      );
      this.promise = settled.promise;
      this.activities.push(...settled.activities);
    }
    if (this.plan !== undefined) {
      const today = this.policy.zones.localDay(this.customer.timeZone, at);
      const settled = settlePlan(this.plan, this.payments, today, { at, idPrefix: this.nextId('plan') });
      this.plan = settled.plan;
      this.activities.push(...settled.activities);
    }
    for (let guard = 0; guard < 20; guard++) {
      const decision = nextAction(this.snapshot(), at, this.policy);
      if (decision.kind !== 'act') return decision;
      this.acts.push({ at: iso, decision });
      this.activities.push(
        actionActivity(decision, {
          id: this.nextId('act'),
          customerId: this.customer.id,
          at,
          outcome: decision.requiresApproval ? 'awaiting-approval' : 'sent',
        }),
      );
    }
    throw new Error('the engine kept acting at one instant');
  }

  /** Ticks at 15:00 UTC on every day from `from` to `to` inclusive. */
  run(from: string, to: string): void {
    for (let t = Date.parse(`${from}T15:00:00Z`); t <= Date.parse(`${to}T15:00:00Z`); t += 86_400_000) this.tick(new Date(t).toISOString());
  }

  /** Step ids acted on between two dates (inclusive), in order. */
  steps(from = '0000', to = '9999'): string[] {
    return this.acts.filter((a) => a.at.slice(0, 10) >= from && a.at.slice(0, 10) <= to).map((a) => a.decision.step.id);
  }

  planState(iso: string) {
    return planState(this.plan!, this.payments, this.policy.zones.localDay(this.customer.timeZone, Date.parse(iso)));
  }
}
