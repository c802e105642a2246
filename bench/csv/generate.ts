/**
 * Generated CSV files for the CSV benchmarks: IBM accounts-receivable columns, deterministic
 * content, written in chunks so that generating a large file needs no memory.
 *
 * @module
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** The header of generated files (the IBM sample's columns). */
export const GENERATED_HEADER =
  'countryCode,customerID,PaperlessDate,invoiceNumber,InvoiceDate,DueDate,InvoiceAmount,Disputed,SettledDate,PaperlessBill,DaysToSettle,DaysLate';

function row(i: number): string {
  const month = 1 + (i % 12);
  const day = 1 + (i % 28);
  // One row in a hundred is due before it is issued: rejected, as real exports have a few bad rows.
  const due = i % 100 === 99 ? `${month}/${day}/2012` : `${(month % 12) + 1}/${day}/${month === 12 ? 2014 : 2013}`;
  const settled = i % 4 === 0 ? '' : `${1 + ((i + 1) % 12)}/${day}/2014`;
  const amount = `${(i * 7919) % 20_000}.${String(i % 100).padStart(2, '0')}`;
  return `${[391, 406, 770, 818, 897][i % 5]},${String(i % 5000).padStart(4, '0')}-CUST,${month}/${day}/2012,${String(i).padStart(10, '0')},${month}/${day}/2013,${due},${amount},${i % 5 === 0 ? 'Yes' : 'No'},${settled},${i % 2 === 0 ? 'Paper' : 'Electronic'},${i % 60},${i % 45}`;
}

/** Options of {@link generateCsv}. */
export interface GenerateCsvOptions {
  /** Quote every field, as many ERP exports do (the generated fields hold no quote or comma). */
  readonly quoted?: boolean;
}

const quoteAll = (line: string): string => `"${line.split(',').join('","')}"`;

/**
 * Writes a CSV of `rows` data rows to `path`. One row in a hundred is due before it is issued
 * (rejected as invalid, which exercises the error path at a realistic rate).
 *
 * @example
 * ```ts
 * await generateCsv(join(tmpdir(), 'bench.csv'), 200_000);
 * ```
 */
export async function generateCsv(path: string, rows: number, options: GenerateCsvOptions = {}): Promise<void> {
  const out = createWriteStream(path);
  const shape = options.quoted === true ? quoteAll : (line: string): string => line;
  let buffer = `${shape(GENERATED_HEADER)}\r\n`;
  for (let i = 0; i < rows; i++) {
    buffer += `${shape(row(i))}\r\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
