import type {AddressInfo} from 'node:net';
import {simpleParser, type ParsedMail} from 'mailparser';
import {SMTPServer, type SMTPServerOptions} from 'smtp-server';

export interface Received {
  to: string;
  mail: ParsedMail;
  raw: string;
}

/**
 * A real SMTP server in this process (smtp-server), which keeps every message it accepts, parsed (mailparser).
 * `stop()` and `start()` take it away and bring it back on the same port (a dead mail server); `onData` may hold or
 * refuse a message before it is accepted.
 */
export class TestSmtp {
  readonly received: Received[] = [];
  port = 0;
  /** Called with each message before it is accepted; throw to refuse it (set `responseCode` for a 5xx). */
  beforeAccept: (message: Received) => void | Promise<void> = () => {};
  #server: SMTPServer | null = null;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Messages to one address. */
  to(address: string): Received[] {
    return this.received.filter((r) => r.to === address);
  }

  async start(): Promise<void> {
    const options: SMTPServerOptions = {
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', async () => {
          try {
            const raw = Buffer.concat(chunks).toString('utf8');
            const mail = await simpleParser(raw);
            const recipients = session.envelope.rcptTo.map((r) => r.address);
            for (const to of recipients) {
              const message = {to, mail, raw};
              await this.beforeAccept(message);
              this.received.push(message);
            }
            callback();
          } catch (error) {
            callback(error as Error);
          }
        });
      },
    };
    this.#server = new SMTPServer(options);
    await new Promise<void>((resolve, reject) => {
      this.#server!.once('error', reject);
      this.#server!.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (this.#server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** The links of a message's plain-text part, in order. */
export const linksOf = (m: Received) => [...(m.mail.text ?? '').matchAll(/https?:\/\/\S+/g)].map((x) => x[0]);

/** A port nobody listens on now (for a server whose own address must be known before it starts). */
export async function freePort(): Promise<number> {
  const {createServer} = await import('node:net');
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const {port} = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
