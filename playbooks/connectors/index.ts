/** Connector registry: every declared operation, keyed by connector. Mocks and permission inference read it. */
import { defender, defenderOperations } from "./defender";
import { graphMail, graphMailOperations } from "./graph-mail";
import { graphSecurity, graphSecurityOperations } from "./graph-security";
import { mdeRest, mdeRestOperations } from "./http";
import { outlook, outlookOperations } from "./outlook";
import { sentinel, sentinelOperations } from "./sentinel";
import { teams, teamsOperations } from "./teams";

export { defender, graphMail, graphSecurity, mdeRest, outlook, sentinel, teams };
export type * from "../../operations/defender-types";
export type * from "../../operations/sentinel-types";
export type * from "../../operations/graph-security-types";
export type { EntitiesArgs, LegacyCaseArgs, UpdateIncidentArgs } from "./sentinel";
export type { GraphQuery } from "./graph-security";
export type { GraphMail, GraphRecipient } from "./graph-mail";
export type { OutlookAttachment, OutlookMail, OutlookMailV1, SharedMailboxMail } from "./outlook";
export type { TeamsChannelMessage, TeamsChannelReply, TeamsConversationTarget, TeamsUserNotification } from "./teams";
export type { Indicator } from "./http";
export type { ODataQuery, MachineCommentArgs } from "./defender";

/** Every connector's operation declarations. */
export const CONNECTORS = {
  defender: { operations: defenderOperations },
  outlook: { operations: outlookOperations },
  graphMail: { operations: graphMailOperations },
  teams: { operations: teamsOperations },
  mdeRest: { operations: mdeRestOperations },
  sentinel: { operations: sentinelOperations },
  graphSecurity: { operations: graphSecurityOperations },
} as const;

/** Connector keys of the registry. */
export type ConnectorKey = keyof typeof CONNECTORS;
export { deviceCandidates, resolveDevice, type DeviceCandidates, type DeviceOutcome, type DeviceResolution } from "./resolve-device";
export { machineActionOutcome, type MachineActionOutcome, type MachineActionResult } from "./machine-action-outcome";
