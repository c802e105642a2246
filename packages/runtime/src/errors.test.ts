import { DueflowError } from '@dueflow/core';
import { describe, expect, it } from 'vitest';
import { AdapterError, WebhookVerificationError } from './errors.js';

describe('AdapterError', () => {
  it('names the adapter and the operation and keeps the cause', () => {
    const cause = new Error('connection refused');
    const error = new AdapterError({ adapter: 'postgres', kind: 'storage', operation: 'claimOutbox', cause });
    expect(error).toBeInstanceOf(DueflowError);
    expect(error.code).toBe('ADAPTER');
    expect(error.name).toBe('AdapterError');
    expect(error.message).toBe('storage adapter "postgres" failed in claimOutbox: connection refused');
    expect(error.cause).toBe(cause);
    expect(new AdapterError({ adapter: 'smtp', kind: 'channel', operation: 'send', cause: 'boom' }).message).toContain('boom');
  });
});

describe('WebhookVerificationError', () => {
  it('carries why verification failed', () => {
    const error = new WebhookVerificationError('replay', 'twilio: delivery already seen');
    expect(error).toBeInstanceOf(DueflowError);
    expect(error.reason).toBe('replay');
    expect(error.code).toBe('WEBHOOK_VERIFICATION');
    expect(error.message).toBe('twilio: delivery already seen');
  });
});
