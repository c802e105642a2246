/**
 * `dueflow approvals`, `dueflow approve <key>` and `dueflow reject <key>`: what awaits a person
 * (actions of steps with `requiresApproval` such as credit holds and agency referrals, discount
 * offers, proposed installment plans), and a person's answer.
 *
 * @module
 */
import { createCollector, type Collector, type PendingItem } from '@dueflow/runtime';
import type { Storage } from '@dueflow/runtime/ports';
import { UsageError } from '../cli-error.js';
import { withStore, type CommandContext } from '../command-context.js';
import { demoPolicy } from '../demo/demo-setup.js';

/** What `approve` and `reject` did. */
export interface ApprovalResult {
  readonly key: string;
  readonly decision: 'approved' | 'rejected';
  readonly by: string;
  readonly at: string;
  readonly invoiceId: string;
  readonly step: string;
}

/** Options of {@link approveCommand}. */
export interface ApproveOptions {
  /** Who decides; recorded on the timeline. */
  readonly by: string;
  /** Why, for a rejection (required then). */
  readonly reason?: string;
}

function collectorFor(storage: Storage, now: number): Collector {
  // No channel is needed to list or record answers; the store is closed by withStore.
  return createCollector({ storage, channels: [], policy: demoPolicy(), clock: { now: () => now } });
}

function describeItem(item: PendingItem): string {
  switch (item.kind) {
    case 'action':
      return item.decision.step.name;
    case 'offer':
      return 'Discount offer';
    case 'plan':
      return `Installment plan (${item.plan.installments.length} installments)`;
  }
}

/** One line of `dueflow approvals`. */
export interface ApprovalListEntry {
  readonly key: string;
  readonly kind: PendingItem['kind'];
  readonly invoiceId: string;
  readonly customerId: string;
  readonly what: string;
  readonly since: string;
  readonly explanation: string;
}

/**
 * Lists everything awaiting a person, oldest first, with the key `approve` and `reject` take.
 *
 * @example
 * ```ts
 * const items = await approvalsCommand(ctx);
 * items[0]?.key; // 'inv-00042:agency-referral:1'
 * ```
 */
export async function approvalsCommand(ctx: CommandContext): Promise<readonly ApprovalListEntry[]> {
  const now = ctx.now();
  const items = await withStore(ctx, async ({ storage }) => collectorFor(storage, now).pending());
  const list = items.map((item) => ({
    key: item.key,
    kind: item.kind,
    invoiceId: item.invoiceId,
    customerId: item.customerId,
    what: describeItem(item),
    since: new Date(item.createdAt).toISOString(),
    explanation: item.explanation,
  }));
  if (ctx.options.json === true) {
    ctx.printJson({ total: list.length, items: list });
    return list;
  }
  if (list.length === 0) {
    ctx.print('Nothing awaits approval.');
    return list;
  }
  ctx.print(
    ctx.palette.bold(
      `${list.length} awaiting approval, oldest first (answer with: dueflow approve <key> --by <name>, or dueflow reject <key> --by <name> --reason <text>)`,
    ),
  );
  for (const e of list) {
    ctx.print('');
    ctx.print(`${e.key}  ${e.what} on ${e.invoiceId}, since ${e.since}`);
    for (const line of e.explanation
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 4))
      ctx.print(ctx.palette.dim(`    ${line.trim()}`));
  }
  return list;
}

/**
 * Approves (or, with `decision: 'rejected'`, rejects) the item awaiting approval under `key`
 * (see {@link approvalsCommand}): an approved action goes out on the next tick inside its send
 * window, an approved offer issues its credit note, an approved plan starts; a rejected action is
 * cancelled and the ladder moves on. Every answer is recorded on the invoice's timeline with `by`.
 *
 * @example
 * ```ts
 * await approveCommand(ctx, 'inv-00042:agency-referral:1', 'approved', { by: 'maria' });
 * await approveCommand(ctx, 'inv-00043:credit-hold:1', 'rejected', { by: 'maria', reason: 'deal in flight' });
 * ```
 */
export async function approveCommand(
  ctx: CommandContext,
  key: string,
  decision: 'approved' | 'rejected',
  options: ApproveOptions,
): Promise<ApprovalResult> {
  const by = options.by.trim();
  if (by === '') throw new UsageError('--by: expected the name of the person deciding, got an empty string');
  const reason = options.reason?.trim() ?? '';
  if (decision === 'rejected' && reason === '') throw new UsageError('--reason: a rejection needs a reason, recorded on the timeline');
  const now = ctx.now();
  const result = await withStore(ctx, async ({ storage }) => {
    const collector = collectorFor(storage, now);
    const pending = await collector.pending();
    const item = pending.find((e) => e.key === key);
    if (item === undefined) {
      const keys = pending.slice(0, 5).map((e) => e.key);
      const hint =
        keys.length === 0 ? 'nothing awaits approval' : `awaiting: ${keys.join(', ')}${pending.length > keys.length ? ', ...' : ''}`;
      throw new UsageError(`key: no item awaiting approval under ${JSON.stringify(key)} (${hint}; \`dueflow approvals\` lists them)`);
    }
    const at = new Date(now).toISOString();
    const done =
      decision === 'approved' ? await collector.approve(key, { by, at: now }) : await collector.reject(key, { by, reason, at: now });
    if (!done) throw new UsageError(`key: the item under ${JSON.stringify(key)} is no longer awaiting approval`);
    return { key, decision, by, at, invoiceId: item.invoiceId, step: describeItem(item) };
  });
  if (ctx.options.json === true) ctx.printJson(result);
  else
    ctx.print(
      `${decision === 'approved' ? 'Approved' : 'Rejected'} "${result.step}" on ${result.invoiceId} (${key}) by ${by} at ${result.at}.`,
    );
  return result;
}
