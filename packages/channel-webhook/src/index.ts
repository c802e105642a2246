export {
  createWebhookChannel,
  type WebhookChannelOptions,
  type WebhookActionPayload,
  type WebhookCallbackPayload,
} from './webhook-channel.js';
export { signWebhook, type StandardWebhookHeaders } from './signature.js';
export { verifyWebhook, type VerifyWebhookOptions, type VerifiedWebhook, type HeaderBag } from './verify-webhook.js';
export { createWebhookHandler, type WebhookHandlerOptions, type WebhookRequest, type WebhookRequestHandler } from './webhook-handler.js';
export {
  createCallTask,
  recordCallOutcome,
  type CallTask,
  type CallTaskOptions,
  type CallOutcome,
  type CallOutcomeInput,
} from './call-task.js';
