import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSourceConformance } from '@dueflow/testing/conformance';
import { createCsvSource } from './csv-source.js';

const header = 'Invoice No,Customer,Invoice Date,Due Date,Total,Paid Date,Notes';
const good = [
  header,
  'A-1,ACME,2025-01-05,2025-02-04,"1,250.00",2025-02-10,',
  'A-2,ACME,2025-01-06,2025-02-05,99.90,,"Called, promised to pay Friday"',
  'B-1,GLOBEX,2025-01-07,2025-02-06,10.00,,',
].join('\n');
// Line 3 has no due date and line 4 repeats an invoice number; line 5 is good again.
const bad = [
  header,
  'A-1,ACME,2025-01-05,2025-02-04,12.50,,',
  'A-2,ACME,2025-01-06,,99.90,,',
  'A-1,ACME,2025-01-05,2025-02-04,12.50,,',
  'C-1,INITECH,2025-01-08,2025-02-07,5.00,,',
].join('\n');

runSourceConformance({
  name: 'csv',
  create: async () => {
    // Files, not streams: each pull opens the file again, so pulls can be compared.
    const dir = await mkdtemp(join(tmpdir(), 'dueflow-csv-conformance-'));
    await writeFile(join(dir, 'good.csv'), good);
    await writeFile(join(dir, 'bad.csv'), bad);
    return {
      source: createCsvSource({ file: join(dir, 'good.csv'), name: 'conformance' }),
      withBadRows: createCsvSource({ file: join(dir, 'bad.csv') }),
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
});
