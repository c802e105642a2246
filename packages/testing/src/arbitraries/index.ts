export { arbCurrency, arbMoney, SAMPLE_CURRENCIES, type ArbMoneyOptions } from './money.js';
export { arbTimeZone, DST_TIME_ZONES, FIXED_TIME_ZONES } from './time-zone.js';
export { arbCalendarDate, type ArbCalendarDateOptions } from './calendar-date.js';
export { arbInstant, dstTransitions, type ArbInstantOptions } from './instant.js';
export { arbChannels, arbLadder, arbStepAction, arbStepConditions, arbTone, SAMPLE_SEGMENTS, type ArbLadderOptions } from './ladder.js';
export { arbCalendarInput, arbPolicyInput, arbSendWindow, ODD_SEND_WINDOWS, type ArbPolicyInputOptions } from './policy.js';
export { arbContact, arbCustomer, type ArbCustomerOptions } from './customer.js';
export { arbInvoice, arbPayments, type ArbInvoiceOptions } from './invoice.js';
export { arbInstallmentPlan, arbPromise } from './arrangement.js';
export {
  arbCustomerStats,
  arbScenario,
  arbSimulationMove,
  arbSnapshot,
  simulateHistory,
  type ArbScenarioOptions,
  type Scenario,
  type SimulatedHistory,
  type SimulationEnding,
  type SimulationMove,
  type SimulationScript,
} from './snapshot.js';
