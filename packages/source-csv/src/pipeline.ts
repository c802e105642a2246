export { readCsvRecords, readCsvBatches, sniffDelimiter, type CsvRecord, type ReadCsvOptions } from './csv-records.js';
export { openCsv, type OpenedCsv } from './open-csv.js';
export { compileMapping, type CompiledMapping, type CompileMappingOptions, type FieldProblem, type MappedRow } from './row-mapper.js';
export { normalizeHeader, ColumnMapSchema, REQUIRED_FIELDS, OPTIONAL_FIELDS } from './mapping.js';
export { parseDate, detectDateFormat, type DateFormatDetection } from './date-format.js';
export { createAmountParser, type AmountParser } from './amount.js';
export { createHealthCheck, type HealthCheck, type HealthCheckOptions } from './health.js';
export { detectDrift, headerSimilarity } from './drift.js';
