/**
 * Prints the risk model's evaluation on the IBM sample:
 * `npx tsx --conditions=@dueflow/source bench/risk/evaluate.ts [path] [--speed]`
 * (`--speed` also times scoring 1,000,000 vectors and training on 50,000 invoices once).
 *
 * @module
 */
import { DEFAULT_IBM_AR_CSV } from './ibm.js';
import { evaluateRisk, formatEvaluation } from './evaluation.js';
import { measureSpeed } from './speed.js';

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith('--')) ?? process.env.DUEFLOW_IBM_AR_CSV ?? DEFAULT_IBM_AR_CSV;
const result = evaluateRisk(path);
console.log(formatEvaluation(result));
const ok = result.auc >= 0.87 && Math.abs(result.meanPredicted - result.test.lateShare) <= 0.03;
console.log(ok ? 'acceptance: met (AUC >= 0.87, mean predicted within 0.03 of observed)' : 'acceptance: NOT met');
if (args.includes('--speed')) {
  const speed = measureSpeed();
  console.log(
    `speed: scored ${speed.scored.toLocaleString('en-US')} precomputed vectors in ${(speed.scoreMs / 1000).toFixed(2)} s (target 2 s); trained on ${speed.trained.toLocaleString('en-US')} settled invoices in ${(speed.trainMs / 1000).toFixed(2)} s (target 5 s, ${speed.iterations} Newton iterations)`,
  );
}
process.exitCode = ok ? 0 : 1;
