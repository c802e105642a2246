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

  it('is retryable only when the adapter says so, and stays retryable when wrapped', () => {
    const lost = new AdapterError({
      adapter: 'postgres',
      kind: 'storage',
      operation: 'query',
      cause: new Error('Connection terminated unexpectedly'),
      retryable: true,
    });
    expect(lost.retryable).toBe(true);
    expect(new AdapterError({ adapter: 'postgres', kind: 'storage', operation: 'claimOutbox', cause: lost }).retryable).toBe(true);
    expect(new AdapterError({ adapter: 'postgres', kind: 'storage', operation: 'query', cause: new Error('syntax error') }).retryable).toBe(
      false,
    );
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
