/**
 * Runs the CSV suite alone: `tsx --conditions=@dueflow/source bench/csv/run-csv.ts [rows] [memoryRows]`.
 *
 * @module
 */
import { runCsvBench } from './suite.js';

const [rows, memoryRows] = process.argv.slice(2).map(Number);
await runCsvBench({ ...(rows ? { rows } : {}), ...(memoryRows ? { memoryRows } : {}) });
