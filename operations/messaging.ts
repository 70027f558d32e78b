/**
 * Operations that tell people something: Graph `sendMail` (Http + managed identity, `Mail.Send`, no consent),
 * Office 365 Outlook "Send an email (V2)" and Teams "Post a message (V3)" (OAuth connections that need
 * interactive consent after deployment).
 */
import { idBodyShape } from "./defender-types";
import { apiOperationInfo, httpOperationInfo } from "./operation";
import { shape } from "./shape";

/** Graph mail. */
export const graphMailCatalogue = {
  sendMail: httpOperationInfo({
    name: "sendMail",
    title: "Send mail with Microsoft Graph",
    method: "POST",
    uri: "https://graph.microsoft.com/v1.0/users/{sender}/sendMail",
    audience: "https://graph.microsoft.com",
    permissions: [{ resource: "MicrosoftGraph", role: "Mail.Send" }],
    destructive: false,
    notification: true,
    // Graph answers 202 Accepted with no body.
    output: shape.unknown(),
    successStatus: 202,
  }),
};

/** Office 365 Outlook (managed API `office365`). */
export const outlookCatalogue = {
  sendEmail: apiOperationInfo({
    connector: "office365",
    name: "sendEmail",
    title: "Send an email (V2)",
    operationId: "SendEmailV2",
    operationIdConfirmed: false,
    method: "post",
    path: "/v2/Mail",
    permissions: [],
    destructive: false,
    notification: true,
    output: shape.unknown(),
  }),
};

/** Microsoft Teams (managed API `teams`). */
export const teamsCatalogue = {
  postChannelMessage: apiOperationInfo({
    connector: "teams",
    name: "postChannelMessage",
    title: "Post a message (V3)",
    operationId: "PostMessageToConversation",
    operationIdConfirmed: false,
    method: "post",
    path: "/v3/beta/teams/{teamId}/channels/{channelId}/messages",
    permissions: [],
    destructive: false,
    notification: true,
    output: idBodyShape,
  }),
};
