/**
 * Office 365 Outlook connector (managed API `office365`): "Send an email (V2)" (`POST /v2/Mail`), the same from a
 * shared mailbox (`POST /v2/SharedMailbox/Mail`) and the first "Send an email" (`POST /Mail`, deprecated). Body
 * field names follow the connector's inputs (Azure Connectors SDK, Office365Extensions: `SendEmailInput`,
 * `SharedMailboxSendEmailInput`, `ClientSendAttachment {Name, ContentBytes}`) and the templates in ../shared/corpus
 * and corpus-extra. The connection is OAuth and needs interactive consent after deployment; prefer `graphMail`
 * with the managed identity where that is acceptable.
 */
import type { ExprLike } from "../kit/expr";
import type { Input } from "../kit/operation";
import { outlookCatalogue } from "../../operations";
import { callable, connector } from "./define";

/** A file attached to a mail: its name and base64 content. */
export interface OutlookAttachment {
  name: ExprLike<string>;
  contentBytes: ExprLike<string>;
}

/** Arguments of Send an email (V2). */
export interface OutlookMail {
  /** Recipients, `;`-separated. */
  to: ExprLike<string>;
  subject: ExprLike<string>;
  /** HTML body. */
  body: ExprLike<string>;
  cc?: ExprLike<string>;
  bcc?: ExprLike<string>;
  /** Send as / on behalf of this address (the connection's user needs the right to). */
  from?: ExprLike<string>;
  replyTo?: ExprLike<string>;
  importance?: ExprLike<"Low" | "Normal" | "High">;
  sensitivity?: ExprLike<string>;
  attachments?: readonly OutlookAttachment[];
  /**
   * The first "Send an email"'s flag. (V2) sends HTML and its input declares no such field, but templates still
   * pass it (corpus-extra workflow-automation-subscriptionmanagement); what (V2) does with it is UNCONFIRMED.
   */
  isHtml?: ExprLike<boolean>;
}

/** Arguments of Send an email from a shared mailbox (V2). */
export interface SharedMailboxMail extends Omit<OutlookMail, "from"> {
  /** The shared mailbox the mail is sent from. */
  mailbox: ExprLike<string>;
}

/** Arguments of the first Send an email (`POST /Mail`). */
export interface OutlookMailV1 {
  to: ExprLike<string>;
  subject: ExprLike<string>;
  body: ExprLike<string>;
  cc?: ExprLike<string>;
  bcc?: ExprLike<string>;
  importance?: ExprLike<"Low" | "Normal" | "High">;
  isHtml?: ExprLike<boolean>;
}

const attachments = (list: readonly OutlookAttachment[] | undefined): Input | undefined =>
  list?.length ? list.map((a) => ({ Name: a.name, ContentBytes: a.contentBytes })) : undefined;

/** The body fields every send shares, in the connector's names. */
const mailBody = (m: Omit<OutlookMail, "from">): Record<string, Input> => ({
  To: m.to,
  Subject: m.subject,
  Body: m.body,
  Cc: m.cc,
  Bcc: m.bcc,
  ReplyTo: m.replyTo,
  Importance: m.importance,
  Sensitivity: m.sensitivity,
  Attachments: attachments(m.attachments),
  IsHtml: m.isHtml,
});

/** Every office365 operation the kit declares. */
export const outlookOperations = {
  sendEmail: callable(outlookCatalogue.sendEmail, (m: OutlookMail) => ({ body: { ...mailBody(m), From: m.from } })),
  sendSharedMailboxEmail: callable(outlookCatalogue.sendSharedMailboxEmail, (m: SharedMailboxMail) => ({ body: { MailboxAddress: m.mailbox, ...mailBody(m) } })),
  sendEmailV1: callable(outlookCatalogue.sendEmailV1, (m: OutlookMailV1) => ({
    body: { To: m.to, Subject: m.subject, Body: m.body, Cc: m.cc, Bcc: m.bcc, Importance: m.importance, IsHtml: m.isHtml },
  })),
};

/** Builder functions (`outlook.sendEmail({...})`). */
export const outlook = connector(outlookOperations);
