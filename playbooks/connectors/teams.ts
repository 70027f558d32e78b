/** Microsoft Teams connector (managed API `teams`): "Post a message (V3)" to a channel. OAuth connection. */
import type { ExprLike } from "../kit/expr";
import { apiOperation, connector } from "./define";

/** Arguments of Post a message (V3). */
export interface TeamsChannelMessage {
  teamId: ExprLike<string>;
  channelId: ExprLike<string>;
  subject?: ExprLike<string>;
  /** HTML content. */
  html: ExprLike<string>;
}

/** Every teams operation the kit declares. */
export const teamsOperations = {
  postChannelMessage: apiOperation<TeamsChannelMessage, { id: string }>({
    connector: "teams",
    name: "postChannelMessage",
    title: "Post a message (V3)",
    operationId: "PostMessageToConversation",
    operationIdConfirmed: false,
    method: "post",
    path: "/v3/beta/teams/{teamId}/channels/{channelId}/messages",
    permissions: [],
    destructive: false,
    request: (m) => ({
      params: { teamId: m.teamId, channelId: m.channelId },
      body: { body: { content: m.html, contentType: "html" }, subject: m.subject },
    }),
  }),
};

/** Builder functions (`teams.postChannelMessage({...})`). */
export const teams = connector(teamsOperations);
