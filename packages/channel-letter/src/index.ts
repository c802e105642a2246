export { createLetterChannel, letterFileName, type LetterChannelOptions } from './letter-channel.js';
export { renderLetterPdf, type LetterPdfOptions, type LetterSender } from './letter-pdf.js';
export type { PrintAndMailApi, PrintJob } from './print-api.js';
