import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { env } from "@/lib/env";

// Outgoing mail, one function. MAIL_TRANSPORT picks where it goes: "outbox" (the default outside
// production) writes each mail as a text file into MAIL_OUTBOX_DIR (.data/outbox/), so a newcomer
// reads what a shopper would get; "resend" sends it through Resend's HTTP API (RESEND_API_KEY);
// "log" (the default in production, until a provider is set) only logs that it was not sent (an
// invite in full: the operator passes it on).

export type Mail = {
  to: string;
  subject: string;
  text: string;
  /**
   * With no provider ("log"), print the whole mail to the server's log, which only the operator
   * reads: an invite then still reaches its owner through the operator. Never for buyers' mails.
   */
  logWhole?: boolean;
};

export async function sendMail(mail: Mail): Promise<void> {
  const e = env();
  const transport = e.MAIL_TRANSPORT ?? (e.NODE_ENV === "production" ? "log" : "outbox");
  if (transport === "outbox") return toOutbox(e.MAIL_OUTBOX_DIR, e.MAIL_FROM, mail);
  if (transport === "resend") return toResend(e.RESEND_API_KEY, e.MAIL_FROM, mail);
  console.warn(`Mail to ${mail.to} not sent (set MAIL_TRANSPORT=resend and RESEND_API_KEY): ${mail.subject}`);
  if (mail.logWhole) console.warn(mail.text);
}

async function toOutbox(dir: string, from: string, mail: Mail): Promise<void> {
  await mkdir(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.to.replace(/[^\w.@-]/g, "_")}.txt`;
  const headers = `From: ${from}\nTo: ${mail.to}\nSubject: ${mail.subject}\nDate: ${new Date().toUTCString()}\n\n`;
  await writeFile(join(dir, name), headers + mail.text);
}

async function toResend(apiKey: string | undefined, from: string, mail: Mail): Promise<void> {
  if (!apiKey) throw new Error("MAIL_TRANSPORT=resend needs RESEND_API_KEY");
  const res = await fetch("https://api.resend.com/emails", {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ from, to: [mail.to], subject: mail.subject, text: mail.text }),
  });
  if (!res.ok) throw new Error(`Resend answered ${res.status}: ${await res.text()}`);
}
