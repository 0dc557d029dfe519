import nodemailer from "nodemailer";

/** Where outbound messages go. Throwing = the attempt failed (it is retried with backoff). */
export interface MessageTransport {
  sendEmail(m: { to: string; subject: string; text: string }): Promise<void>;
  sendSms(m: { to: string; text: string }): Promise<void>;
}

/** An SMS gateway adapter (a real one — Aliyun, Tencent Cloud — implements the same call). */
export interface SmsAdapter {
  send(to: string, text: string): Promise<void>;
}

/** The default SMS adapter: writes the message to the server log. */
export const loggingSms: SmsAdapter = {
  async send(to, text) {
    console.info(`[sms] to ${to.replace(/\d{4}$/, "****")}: ${text}`);
  },
};

export interface SmtpConfig {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
  /** Skip TLS upgrade (tests against a local server). */
  ignoreTLS?: boolean;
}

/** E-mail over SMTP (nodemailer), SMS through the adapter. */
export function smtpTransport(config: SmtpConfig, sms: SmsAdapter = loggingSms): MessageTransport {
  const mailer = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure ?? false,
    ignoreTLS: config.ignoreTLS,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async sendEmail(m) {
      await mailer.sendMail({ from: config.from, to: m.to, subject: m.subject, text: m.text });
    },
    sendSms: (m) => sms.send(m.to, m.text),
  };
}

/** Without SMTP settings e-mail is only logged (development); SMS goes to the adapter. */
export function loggingTransport(sms: SmsAdapter = loggingSms): MessageTransport {
  return {
    async sendEmail(m) {
      console.info(`[email] (SMTP not configured) to ${m.to}: ${m.subject}`);
    },
    sendSms: (m) => sms.send(m.to, m.text),
  };
}
