import { describe, expect, it } from 'vitest';
import type { OutboundMessage, SendResult } from '../ports/index.js';
import { singleFlight } from './single-flight.js';

const message = (key: string): OutboundMessage => ({ key }) as OutboundMessage;

describe('singleFlight', () => {
  it('shares one delivery between concurrent sends of a key, and delivers again once it settled', async () => {
    const calls: string[] = [];
    const pending: (() => void)[] = [];
    const releaseAll = (): void => {
      for (const resolve of pending.splice(0)) resolve();
    };
    const send = singleFlight(async (m) => {
      calls.push(m.key);
      await new Promise<void>((resolve) => pending.push(resolve));
      return { status: 'sent', providerMessageId: `id-${calls.length}` } satisfies SendResult;
    });
    const first = send(message('k'));
    const second = send(message('k'));
    const other = send(message('other'));
    expect(calls).toEqual(['k', 'other']);
    releaseAll();
    await Promise.all([first, second, other]);
    expect(await first).toBe(await second);
    const again = send(message('k'));
    releaseAll();
    await again;
    expect(calls).toEqual(['k', 'other', 'k']);
  });

  it('lets a failed delivery be tried again', async () => {
    let n = 0;
    const send = singleFlight(async () => {
      n++;
      if (n === 1) throw new Error('connection reset');
      return { status: 'sent', providerMessageId: 'ok' } satisfies SendResult;
    });
    await expect(send(message('k'))).rejects.toThrow('connection reset');
    await expect(send(message('k'))).resolves.toMatchObject({ status: 'sent' });
  });
});
