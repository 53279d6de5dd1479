import nodemailer, { type Transporter } from "nodemailer";

/** One plain-text e-mail. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail through SMTP (`smtp`), or writes it to the server log when no server is configured (`log`). */
export interface Mailer {
  readonly mode: "smtp" | "log";
  send(mail: OutgoingMail): Promise<void>;
}

export const DEFAULT_MAIL_FROM = "PlanPath <no-reply@planpath.invalid>";

/**
 * The mailer for this process: nodemailer over `SMTP_URL` (for example
 * `smtps://user:pass@smtp.example.org:465`) when it is set, otherwise the log. `transport` lets a
 * caller supply any nodemailer transport (the tests use nodemailer's JSON transport).
 */
export function createMailer(
  options: { smtpUrl?: string; from?: string; transport?: Transporter; log?: (text: string) => void } = {},
): Mailer {
  const smtpUrl = options.smtpUrl ?? process.env.SMTP_URL;
  const from = options.from ?? process.env.MAIL_FROM ?? DEFAULT_MAIL_FROM;
  const transport = options.transport ?? (smtpUrl ? nodemailer.createTransport(smtpUrl) : null);
  if (transport) {
    return {
      mode: "smtp",
      async send(mail) {
        await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
      },
    };
  }
  const log = options.log ?? ((text: string) => console.log(text));
  return {
    mode: "log",
    async send(mail) {
      log(`[mail] (no SMTP_URL: logged, not sent) to=${mail.to} subject=${JSON.stringify(mail.subject)}\n${mail.text}`);
    },
  };
}
