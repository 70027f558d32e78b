/** Microsoft Teams connector (managed API `teams`): "Post a message (V3)" to a channel. OAuth connection. */
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

/** Every teams operation the kit declares. */
export const teamsOperations = {
  postChannelMessage: callable(teamsCatalogue.postChannelMessage, (m: TeamsChannelMessage) => ({
      params: { teamId: m.teamId, channelId: m.channelId },
      body: { body: { content: m.html, contentType: "html" }, subject: m.subject },
    })),
};

/** Builder functions (`teams.postChannelMessage({...})`). */
export const teams = connector(teamsOperations);
