/**
 * Microsoft Teams connector (managed API `teams`), OAuth connection: "Post a message (V3)" to a channel, a reply in
 * a channel thread, "Post message in a chat or channel" and "Post card in a chat or channel" (as the Flow bot or the
 * user), and the Flow bot's notification to users (deprecated). Body shapes are the ones the templates in
 * ../shared/corpus and corpus-extra send (see operations/messaging.ts for each source).
 */
import type { ExprLike } from "../kit/expr";
import { teamsCatalogue } from "../../operations";
import { callable, connector } from "./define";

/** Arguments of Post a message (V3). */
export interface TeamsChannelMessage {
  teamId: ExprLike<string>;
  channelId: ExprLike<string>;
  subject?: ExprLike<string>;
  /** HTML content. */
  html: ExprLike<string>;
}

/** Arguments of a reply in a channel thread: the message replied to and the reply's HTML. */
export interface TeamsChannelReply {
  teamId: ExprLike<string>;
  channelId: ExprLike<string>;
  messageId: ExprLike<string>;
  subject?: ExprLike<string>;
  html: ExprLike<string>;
}

/** Who posts (`Flow bot` or `User`) and where, in a team's channel. */
export interface TeamsConversationTarget {
  poster: ExprLike<"Flow bot" | "User">;
  /** `Channel` for a team's channel (the only location whose recipient is a team and a channel). */
  location: ExprLike<"Channel">;
  teamId: ExprLike<string>;
  channelId: ExprLike<string>;
}

/** Arguments of the Flow bot's notification to users. */
export interface TeamsUserNotification {
  /** Recipients' UPNs, `;`-separated. */
  to: ExprLike<string>;
  title?: ExprLike<string>;
  message: ExprLike<string>;
}

const recipient = (t: TeamsConversationTarget) => ({ groupId: t.teamId, channelId: t.channelId });
const conversation = (t: TeamsConversationTarget) => ({ poster: t.poster, location: t.location });

/** Every teams operation the kit declares. */
export const teamsOperations = {
  postChannelMessage: callable(teamsCatalogue.postChannelMessage, (m: TeamsChannelMessage) => ({
    params: { teamId: m.teamId, channelId: m.channelId },
    body: { body: { content: m.html, contentType: "html" }, subject: m.subject },
  })),
  replyToChannelMessage: callable(teamsCatalogue.replyToChannelMessage, (m: TeamsChannelReply) => ({
    params: { teamId: m.teamId, channelId: m.channelId, messageId: m.messageId },
    body: { body: { content: m.html, contentType: "html" }, subject: m.subject },
  })),
  postMessage: callable(teamsCatalogue.postMessage, (m: TeamsConversationTarget & { html: ExprLike<string> }) => ({
    params: conversation(m),
    body: { recipient: recipient(m), messageBody: m.html },
  })),
  postCard: callable(teamsCatalogue.postCard, (m: TeamsConversationTarget & { card: ExprLike<string> }) => ({
    params: conversation(m),
    body: { recipient: recipient(m), messageBody: m.card },
  })),
  notifyUser: callable(teamsCatalogue.notifyUser, (m: TeamsUserNotification) => ({
    body: { recipient: { to: m.to }, messageTitle: m.title, messageBody: m.message },
  })),
};

/** Builder functions (`teams.postChannelMessage({...})`). */
export const teams = connector(teamsOperations);
