import { SMTPServer } from 'smtp-server';

export interface Mail {
  to: string;
  subject: string;
  raw: string;
}

export interface TestSmtp {
  url: string;
  inbox: Mail[];
  /** Refuse the next N recipients with a temporary 451, as a busy mail server would. */
  failNext(count: number): void;
  close(): Promise<void>;
}

/** A real SMTP server on loopback that keeps what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const inbox: Mail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(_address, _session, cb) {
      if (failures > 0) {
        failures--;
        return cb(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 }));
      }
      cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d) => (raw += d));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), subject: /Subject: (.*)/.exec(raw)?.[1] ?? '', raw });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    inbox,
    failNext: (count) => void (failures = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
