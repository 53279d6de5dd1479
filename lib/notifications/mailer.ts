import nodemailer, { type Transporter } from "nodemailer";

/** One plain-text e-mail; `kind` and `id` (the outbox row) name it in the log. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  kind?: string;
  id?: string;
}

/**
 * Sends mail through SMTP (`smtp`), or, when no server is configured (`log`), writes a line of
 * metadata to the server log: kind, outbox id, the recipient's domain and the size. Never the
 * subject, the body or the address (they name students and deadlines).
 */
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
      const domain = mail.to.split("@")[1]?.replace(/[^\w.-]/g, "") || "unknown";
      log(
        `[mail] (no SMTP_URL: not sent) kind=${mail.kind ?? "mail"} id=${mail.id ?? "-"} to-domain=${domain} chars=${mail.text.length}`,
      );
    },
  };
}
