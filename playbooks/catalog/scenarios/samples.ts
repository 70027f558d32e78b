/** Sample MDE payloads for the bundled scenarios: the MDE API's field names, made-up values. */

export const MACHINE_ID = "4bd2a8b5c0e1f9d37a6e2c1b0f8d9e7a6c5b4a31";
export const ALERT_ID = "da638361244155467261_-1094386455";

/** A sample alert with the MDE API's fields. */
export function sampleAlert(severity: "High" | "Medium" | "Low" | "Informational"): Record<string, unknown> {
  return {
    id: ALERT_ID,
    incidentId: 4242,
    investigationId: null,
    assignedTo: null,
    severity,
    status: "New",
    classification: null,
    determination: null,
    investigationState: "PendingApproval",
    detectionSource: "WindowsDefenderAtp",
    detectorId: "9f0c3b1e-6a2d-4c7b-8e5f-1a2b3c4d5e6f",
    category: "CommandAndControl",
    threatFamilyName: null,
    threatName: null,
    title: "Connection to a known command-and-control server",
    description: "A process on the device connected to an address that threat intelligence associates with command-and-control infrastructure.",
    alertCreationTime: "2026-11-27T08:14:02.1234567Z",
    firstEventTime: "2026-11-27T08:12:40.5120000Z",
    lastEventTime: "2026-11-27T08:12:41.0080000Z",
    lastUpdateTime: "2026-11-27T08:14:03.2Z",
    resolvedTime: null,
    machineId: MACHINE_ID,
    computerDnsName: "fin-ws-042.contoso.com",
    rbacGroupName: "Finance",
    aadTenantId: "72f988bf-0000-4000-8000-2d7cd011db47",
    mitreTechniques: ["T1071.001"],
    relatedUser: { userName: "jdoe", domainName: "CONTOSO" },
    comments: [],
    evidence: [],
  };
}

/** A sample device; `machineTags` decides whether it is excluded. */
export function sampleMachine(machineTags: string[]): Record<string, unknown> {
  return {
    id: MACHINE_ID,
    computerDnsName: "fin-ws-042.contoso.com",
    firstSeen: "2025-03-02T09:00:11.0000000Z",
    lastSeen: "2026-11-27T08:13:55.0000000Z",
    osPlatform: "Windows11",
    version: "23H2",
    osProcessor: "x64",
    lastIpAddress: "10.20.4.42",
    lastExternalIpAddress: "203.0.113.17",
    osBuild: 22631,
    healthStatus: "Active",
    rbacGroupId: 12,
    rbacGroupName: "Finance",
    riskScore: "High",
    exposureLevel: "Medium",
    isAadJoined: true,
    aadDeviceId: "0b9c6f3e-1d2a-4b5c-9e8f-7a6b5c4d3e2f",
    machineTags,
  };
}

/** A machine action as isolate returns it. */
export function sampleMachineAction(status: "Pending" | "Succeeded" = "Pending"): Record<string, unknown> {
  return {
    id: "b3f1e2d4-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    type: "Isolate",
    scope: "Selective",
    requestor: "playbook-kit",
    requestorComment: `Isolated by playbook-kit for MDE alert ${ALERT_ID}`,
    status,
    machineId: MACHINE_ID,
    computerDnsName: "fin-ws-042.contoso.com",
    creationDateTimeUtc: "2026-11-27T08:14:10.0000000Z",
    lastUpdateDateTimeUtc: "2026-11-27T08:14:10.0000000Z",
    relatedFileInfo: null,
  };
}

export const WORKSPACE_RESOURCE_ID = "/subscriptions/6f1c3b5e-2a4d-4c8e-9f0a-1b2c3d4e5f60/resourceGroups/rg-soc-sentinel/providers/Microsoft.OperationalInsights/workspaces/law-sentinel";
const INCIDENT_NAME = "7c1e9a3b-5d2f-4e8a-b6c4-0f1e2d3c4b5a";
export const INCIDENT_ARM_ID = `${WORKSPACE_RESOURCE_ID}/providers/Microsoft.SecurityInsights/Incidents/${INCIDENT_NAME}`;

/** A host entity as "Entities - Get Hosts" returns it; `ids` carries the device id fields (top level or `additionalData`). */
export function sampleHost(hostName: string, ids: Record<string, unknown> = {}): Record<string, unknown> {
  return { HostName: hostName, OSFamily: "Windows", IsDomainJoined: true, friendlyName: hostName, ...ids };
}

/** The "Microsoft Sentinel incident" trigger body for an incident whose related entities are `hosts`. */
export function sampleIncidentEvent(hosts: readonly Record<string, unknown>[]): { body: Record<string, unknown> } {
  const relatedEntities = hosts.map((h, i) => ({ id: `${INCIDENT_ARM_ID}/entities/host-${i}`, kind: "Host", properties: h }));
  return {
    body: {
      eventUniqueId: "0d6f3b2a-8c1e-4f5d-9a7b-6e5d4c3b2a19",
      objectSchemaType: "Incident",
      objectEventType: "Create",
      workspaceInfo: { SubscriptionId: "6f1c3b5e-2a4d-4c8e-9f0a-1b2c3d4e5f60", ResourceGroupName: "rg-soc-sentinel", WorkspaceName: "law-sentinel" },
      workspaceId: "3a9e1c5b-7d2f-4b8e-a6c4-1f0e2d3c4b5a",
      object: {
        id: INCIDENT_ARM_ID,
        name: INCIDENT_NAME,
        type: "Microsoft.SecurityInsights/Incidents",
        properties: {
          title: "Connection to a known command-and-control server",
          severity: "High",
          status: "New",
          owner: { objectId: null, email: null, assignedTo: null, userPrincipalName: null },
          labels: [],
          incidentNumber: 4242,
          incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${INCIDENT_ARM_ID}`,
          createdTimeUtc: "2026-11-27T08:14:30.0000000Z",
          relatedEntities,
          Alerts: [],
        },
      },
    },
  };
}

/** A machine action of `type` (e.g. `CollectInvestigationPackage`) in `status`, as MDE returns it. */
export function sampleMachineActionOf(type: string, status: "Pending" | "InProgress" | "Succeeded" | "Failed" | "TimeOut" | "Cancelled"): Record<string, unknown> {
  return { ...sampleMachineAction(), type, scope: null, requestorComment: "Collected by playbook-kit for Microsoft Sentinel incident 4242", status };
}

/** The download URI `GET /api/machineactions/{id}/getPackageUri` answers (`{value}`; a short-lived SAS link). */
export const PACKAGE_URI = "https://userrequests-eus.securitycenter.windows.com:443/safedownload/WDATP_Investigation_Package.zip?token=made-up";

/** A Microsoft Defender XDR alert as Graph `alerts_v2` returns it (field names from the v1.0 resource page). */
export function sampleGraphAlert(n: number, title: string): Record<string, unknown> {
  const id = `da63836124415546726${n}_-109438645${n}`;
  return {
    id,
    providerAlertId: id,
    incidentId: `42${n}`,
    status: "new",
    severity: "high",
    classification: null,
    determination: null,
    serviceSource: "microsoftDefenderForEndpoint",
    detectionSource: "antivirus",
    detectorId: "9f0c3b1e-6a2d-4c7b-8e5f-1a2b3c4d5e6f",
    tenantId: "72f988bf-0000-4000-8000-2d7cd011db47",
    title,
    description: "A made-up alert for the bundled scenarios.",
    recommendedActions: "Isolate the device and collect an investigation package.",
    category: "Execution",
    assignedTo: null,
    alertWebUrl: `https://security.microsoft.com/alerts/${id}?tid=72f988bf-0000-4000-8000-2d7cd011db47`,
    incidentWebUrl: `https://security.microsoft.com/incidents/42${n}?tid=72f988bf-0000-4000-8000-2d7cd011db47`,
    actorDisplayName: null,
    threatDisplayName: null,
    threatFamilyName: null,
    mitreTechniques: ["T1059.001"],
    createdDateTime: "2026-11-27T08:05:12.3456789Z",
    lastUpdateDateTime: "2026-11-27T08:06:00.0000000Z",
    resolvedDateTime: null,
    firstActivityDateTime: "2026-11-27T08:04:40.0000000Z",
    lastActivityDateTime: "2026-11-27T08:04:41.0000000Z",
    comments: [],
    evidence: [],
  };
}
