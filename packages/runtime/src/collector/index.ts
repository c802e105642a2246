export { createCollector } from './collector.js';
export type {
  Collector,
  CollectorEvents,
  CollectorOptions,
  DispatchOptions,
  OperationInput,
  AddCreditNoteInput,
  CreatePlanInput,
  MakePromiseInput,
  PendingApproval,
  PendingItem,
  PendingOffer,
  PendingPlan,
  ProposeDiscountInput,
  RecordResult,
  TickSummary,
} from './collector-types.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { decideInvoice } from './decide-invoice.js';
export { InboundEventSchema, type InboundEvent, type ParsedInboundEvent } from './inbound-event.js';
export { plainRenderer } from './plain-renderer.js';
export { recipientFor } from './addressing.js';
export {
  appendActivities,
  putCreditNotes,
  putCustomers,
  putInvoices,
  putPayments,
  putPlans,
  putPromises,
  touchInvoices,
  type ModelWriter,
} from './model-writes.js';
export { deliveryKey, parseDeliveryKey } from './delivery-key.js';
