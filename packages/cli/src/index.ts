export { runCli } from './program.js';
export { processIo, captureIo, type CliIo, type CapturedIo, type TextOut } from './io.js';
export { EXIT } from './cli-error.js';
