/**
 * Email notifications through the chosen channel: Graph `sendMail` with the managed identity (default, no
 * consent needed) or the Office 365 Outlook connector. Recipients and sender are secure parameters, and the
 * steps that carry them hide their inputs in run history.
 */
import { graphMail, outlook, type GraphRecipient } from "../connectors";
import { param, split, trim, type ExprLike, type Flow, type Ref, type Step, type StepOptions } from "../kit";

/** How playbooks send email. */
export type NotifyChannel = "graph" | "outlook";

/** The notification parameters a playbook declares for a channel. */
export function notifyParameters<C extends NotifyChannel>(channel: C) {
  const notifyTo = param.secureString({ description: "Email recipients, separated by ';'." });
  const senderMailbox = param.secureString({ description: "Mailbox the Graph sendMail call sends from (needs Mail.Send)." });
  return (channel === "graph" ? { notifyTo, senderMailbox } : { notifyTo }) as C extends "graph"
    ? { notifyTo: typeof notifyTo; senderMailbox: typeof senderMailbox }
    : { notifyTo: typeof notifyTo };
}

/** Sends mail from any step placed after it was created. */
export interface Mailer {
  send(flow: Flow, label: string, mail: { subject: ExprLike<string>; html: ExprLike<string>; importance?: "Low" | "Normal" | "High" }, options?: StepOptions): Step<unknown>;
}

/**
 * Prepare mail for one channel. For Graph this places a `Recipients` step in `flow` that turns the
 * `;`-separated list into Graph recipient objects; later mail steps read it.
 */
export function mailer(flow: Flow, channel: NotifyChannel, params: { notifyTo: Ref<string>; senderMailbox?: Ref<string> }): Mailer {
  const secure: StepOptions = { secure: true };
  if (channel === "outlook") {
    return {
      send: (f, label, mail, options) =>
        f.step(label, outlook.sendEmail({ to: params.notifyTo, subject: mail.subject, body: mail.html, importance: mail.importance }), { ...secure, ...options }),
    };
  }
  if (!params.senderMailbox) throw new Error("The Graph channel needs the senderMailbox parameter.");
  const sender = params.senderMailbox;
  const recipients = flow.select<string, GraphRecipient>("Recipients", split(params.notifyTo, ";"), (address) => ({ emailAddress: { address: trim(address) } }), secure);
  return {
    send: (f, label, mail, options) =>
      f.step(
        label,
        graphMail.sendMail({ sender, to: recipients.body, subject: mail.subject, html: mail.html, importance: mail.importance?.toLowerCase() as "low" | "normal" | "high" | undefined }),
        { ...secure, ...options },
      ),
  };
}
