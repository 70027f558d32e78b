/**
 * Office 365 Outlook connector (managed API `office365`): "Send an email (V2)", `POST /v2/Mail`.
 * The connection is OAuth and needs interactive consent after deployment; prefer `graphMail` with the
 * managed identity where that is acceptable.
 */
import type { ExprLike } from "../kit/expr";
import { outlookCatalogue } from "../../operations";
import { callable, connector } from "./define";

/** Arguments of Send an email (V2). */
export interface OutlookMail {
  /** Recipients, `;`-separated. */
  to: ExprLike<string>;
  subject: ExprLike<string>;
  /** HTML body. */
  body: ExprLike<string>;
  importance?: ExprLike<"Low" | "Normal" | "High">;
}

/** Every office365 operation the kit declares. */
export const outlookOperations = {
  sendEmail: callable(outlookCatalogue.sendEmail, (m: OutlookMail) => ({ body: { To: m.to, Subject: m.subject, Body: m.body, Importance: m.importance } })),
};

/** Builder functions (`outlook.sendEmail({...})`). */
export const outlook = connector(outlookOperations);
