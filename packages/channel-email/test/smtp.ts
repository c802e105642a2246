import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface LocalSmtp {
  readonly port: number;
  /** Raw messages received, in order. */
  readonly received: Buffer[];
  /** Reply code for the next RCPT TO commands (250 accepts). */
  refuseWith: number;
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 at a random port, with AUTH PLAIN/LOGIN; `reject@...` mailboxes do not exist. */
export async function startSmtp(auth = { user: 'ar', pass: 'smtp-pa55word' }): Promise<LocalSmtp> {
  const received: Buffer[] = [];
  const state: { refuseWith: number } = { refuseWith: 250 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(a, _session, callback) {
      if (a.username === auth.user && a.password === auth.pass) callback(null, { user: a.username });
      else callback(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('reject@'))
        return callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }));
      if (state.refuseWith === 250) return callback();
      const text =
        state.refuseWith >= 500
          ? `5.1.1 <${address.address}>: Recipient address rejected: User unknown`
          : '4.7.1 Greylisted, try again later';
      callback(Object.assign(new Error(text), { responseCode: state.refuseWith }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    get refuseWith() {
      return state.refuseWith;
    },
    set refuseWith(code: number) {
      state.refuseWith = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
