/**
 * Operations that tell people something: Graph `sendMail` (Http + managed identity, `Mail.Send`, no consent),
 * Office 365 Outlook "Send an email (V2)" (also from a shared mailbox, and the first "Send an email") and Teams
 * "Post a message (V3)", replies, Flow bot messages and cards (OAuth connections that need interactive consent
 * after deployment).
 */
import { idBodyShape } from "./defender-types";
import { apiOperationInfo, httpOperationInfo } from "./operation";
import { shape, type Shape, type Typed } from "./shape";

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
  // Body fields: the connector's SharedMailboxSendEmailInput (Azure Connectors SDK, Office365Extensions: MailboxAddress,
  // To, Subject, Body, Cc, Bcc, Importance, ReplyTo, Sensitivity, Attachments); path and method as
  // ../shared/corpus/sentinel-other/export-incidents-with-comments.json sends them. The operation id is inferred.
  sendSharedMailboxEmail: apiOperationInfo({
    connector: "office365",
    name: "sendSharedMailboxEmail",
    title: "Send an email from a shared mailbox (V2)",
    operationId: "SharedMailboxSendEmailV2",
    operationIdConfirmed: false,
    method: "post",
    path: "/v2/SharedMailbox/Mail",
    permissions: [],
    destructive: false,
    notification: true,
    output: shape.unknown(),
  }),
  // The first "Send an email" (`POST /Mail`), as ../shared/corpus/logicapps-samples/gallery-blob-storage-to-dynamics-365-import.json
  // sends it. The designer offers (V2) instead; that V1 is deprecated is inferred from the connector's versioning
  // (UNCONFIRMED: no retirement notice in reach), so no validator rule covers it.
  sendEmailV1: apiOperationInfo({
    connector: "office365",
    name: "sendEmailV1",
    title: "Send an email",
    operationId: "SendEmail",
    operationIdConfirmed: false,
    method: "post",
    path: "/Mail",
    permissions: [],
    destructive: false,
    notification: true,
    deprecated: "Superseded by Send an email (V2) (`sendEmail`); no retirement date published (UNCONFIRMED).",
    output: shape.unknown(),
  }),
};

/** A Teams message the connector posted (`PostToConversationResponse`: Azure Connectors SDK for .NET, Teams models). */
const postedShape = shape.object({ messageId: shape.string("id"), messageLink: shape.optional(shape.string("url")), conversationId: shape.optional(shape.string("id")) });

/** A Teams connector operation: OAuth connection, no app role, a notification. Operation ids are inferred unless noted. */
const teamsOperation = <S extends Typed<unknown, Shape>>(name: string, title: string, operationId: string, path: string, output: S, extra: { deprecated?: string; confirmed?: boolean } = {}) =>
  apiOperationInfo({
    connector: "teams",
    name,
    title,
    operationId,
    operationIdConfirmed: extra.confirmed ?? false,
    method: "post",
    path,
    permissions: [],
    destructive: false,
    notification: true,
    output,
    ...(extra.deprecated ? { deprecated: extra.deprecated } : {}),
  });

/** Microsoft Teams (managed API `teams`). */
export const teamsCatalogue = {
  postChannelMessage: apiOperationInfo({
    connector: "teams",
    name: "postChannelMessage",
    title: "Post a message (V3)",
    // MicrosoftTeams.PostMessageToChannelV3(teamId, channelId, {content, contentType}) in MikeStall/PowerAppTeamsCollab
    // (a Power Apps call of this connector); PostMessageToConversation is "Post message in a chat or channel" below.
    operationId: "PostMessageToChannelV3",
    operationIdConfirmed: true,
    method: "post",
    path: "/v3/beta/teams/{teamId}/channels/{channelId}/messages",
    permissions: [],
    destructive: false,
    notification: true,
    output: idBodyShape,
  }),
  // A reply in a channel thread, as ../shared/corpus/sentinel-other/advanced-snow-teams-integration.json sends it
  // (`/v2/beta/…/messages/{messageId}/replies`, body `{body: {content, contentType}}`).
  replyToChannelMessage: teamsOperation(
    "replyToChannelMessage",
    "Reply with a message in a channel",
    "ReplyWithMessageToConversationV2",
    "/v2/beta/teams/{teamId}/channels/{channelId}/messages/{messageId}/replies",
    idBodyShape,
  ),
  // "Post message in a chat or channel": the poster (`Flow bot`, `User`) and location (`Channel`, …) are path
  // segments, the channel goes in `recipient` (../shared/corpus/sentinel-other/send-analyticalruleshealthnotifications.json).
  // Operation id PostMessageToConversation with "Post as" / "Post in": microsoft/power-platform-skills `add-teams`.
  postMessage: teamsOperation(
    "postMessage",
    "Post message in a chat or channel",
    "PostMessageToConversation",
    "/beta/teams/conversation/message/poster/{poster}/location/{location}",
    postedShape,
    { confirmed: true },
  ),
  // "Post card in a chat or channel": an adaptive card's JSON as `messageBody` (advanced-snow-teams-integration.json).
  postCard: teamsOperation("postCard", "Post card in a chat or channel", "PostCardToConversation", "/v1.0/teams/conversation/adaptivecard/poster/{poster}/location/{location}", postedShape),
  // The Flow bot's notification to users (`recipient.to`, `messageTitle`, `messageBody`), as
  // ../shared/corpus-extra/defender-for-cloud/workflow-automation-request-resourceexemption-azuredeploy.json sends it.
  // The designer replaced it with "Post message in a chat or channel" (inferred; UNCONFIRMED: no retirement in reach).
  notifyUser: teamsOperation("notifyUser", "Post a message as the Flow bot to a user", "PostUserNotification", "/flowbot/actions/notification/recipienttypes/user", shape.unknown(), {
    deprecated: "Superseded by Post message in a chat or channel (`postMessage` with poster Flow bot); no retirement date published (UNCONFIRMED).",
  }),
};
