#!/usr/bin/env node
/**
 * A catch-all SMTP server for trying mail locally: it accepts every message on 127.0.0.1 (port 1025, or the first
 * argument) and prints who it is for, its subject and its plain text, links included. Nothing is relayed anywhere.
 *
 *   node server/scripts/mail-catcher.mjs [port]
 */
import {simpleParser} from 'mailparser';
import {SMTPServer} from 'smtp-server';

const port = Number(process.argv[2]) || 1025;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream).then(
      (mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(', ');
        console.log(`\n=== to ${to}: ${mail.subject}\n${mail.text?.trim() ?? ''}\n`);
        callback();
      },
      (error) => callback(error)
    );
  },
});
server.listen(port, '127.0.0.1', () =>
  console.log(`[confab] mail catcher on smtp://127.0.0.1:${port}: every mail is printed here`)
);
