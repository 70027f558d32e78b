/**
 * Send mail through Microsoft Graph `POST /users/{sender}/sendMail` with the Http action and the workflow's
 * managed identity (Graph application permission `Mail.Send`). Needs no interactive consent.
 */
import type { Expr, ExprLike } from "../kit/expr";
import { graphMailCatalogue } from "../../operations";
import { callable, connector } from "./define";

/** A Graph recipient. */
export interface GraphRecipient {
  emailAddress: { address: string; name?: string };
}

/** Arguments of sendMail. */
export interface GraphMail {
  /** Mailbox (UPN or id) the mail is sent from. */
  sender: ExprLike<string>;
  /** Recipients as Graph recipient objects (see `Flow.select`), or a literal list. */
  to: Expr<GraphRecipient[]> | GraphRecipient[];
  subject: ExprLike<string>;
  /** HTML body. */
  html: ExprLike<string>;
  importance?: ExprLike<"low" | "normal" | "high">;
}

/** Every Graph mail operation the kit declares. */
export const graphMailOperations = {
  sendMail: callable(graphMailCatalogue.sendMail, (m: GraphMail) => ({
      params: { sender: m.sender },
      body: {
        message: {
          subject: m.subject,
          body: { contentType: "HTML", content: m.html },
          toRecipients: m.to as never,
          importance: m.importance,
        },
        saveToSentItems: false,
      },
    })),
};

/** Builder functions (`graphMail.sendMail({...})`). */
export const graphMail = connector(graphMailOperations);
