// Sending through nodemailer's SMTP transport: one pooled-less connection per
// posting, short timeouts (a hung server must not outlive the worker's lease),
// and the message sent byte for byte as composed (raw), envelope given apart.
import nodemailer from 'nodemailer';

export interface Envelope {
  from: string;
  to: string[];
}

/** Sends one complete message; rejects with a SendError. */
export type SendRaw = (envelope: Envelope, raw: string) => Promise<void>;

/** A failed send: `permanent` when the server refused it for good (a 5xx reply). */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export const SMTP_TIMEOUT_MS = 30_000;

/** The transport for DUST_SMTP_URL (query options such as ?ignoreTLS=true are nodemailer's). */
export function createSmtpSender(smtpUrl: string): { send: SendRaw; close(): void } {
  const url = new URL(smtpUrl);
  for (const [name, ms] of [
    ['connectionTimeout', SMTP_TIMEOUT_MS],
    ['greetingTimeout', SMTP_TIMEOUT_MS],
    ['socketTimeout', SMTP_TIMEOUT_MS],
  ] as const) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(ms));
  }
  const transport = nodemailer.createTransport(url.toString());
  return {
    async send(envelope, raw) {
      try {
        await transport.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw });
      } catch (error) {
        const err = error as Error & { responseCode?: number; code?: string };
        const code = err.responseCode;
        const where = code ? `SMTP ${code}` : (err.code ?? 'SMTP');
        throw new SendError(
          `${where}: ${err.message}`,
          code !== undefined && code >= 500 && code < 600,
        );
      }
    },
    close: () => transport.close(),
  };
}
