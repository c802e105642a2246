export { assembleSnapshot, recentContactsFrom, type SnapshotRows } from './assemble-snapshot.js';
export { summarizeCustomer, type CustomerHistory } from './customer-stats.js';
