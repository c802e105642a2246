export { MS_PER_DAY, civilFromDays, daysFromCivil } from './day.js';
export {
  compileCalendar,
  isBusinessDay,
  nextBusinessDay,
  slotAtOrAfter,
  slotOnOrAfterDay,
  slotInAllZones,
  parseClock,
  type CompiledCalendar,
  type Slot,
} from './business-calendar.js';
export { isWorkingDay } from '../engine/step-schedule.js';
