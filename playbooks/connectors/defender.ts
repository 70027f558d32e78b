/**
 * Microsoft Defender for Endpoint connector (managed API `wdatp`): the builder's typed calls. What each operation
 * is (path, method, permissions, destructive) is declared in the catalogue (`operations/defender.ts`); this file
 * maps typed arguments to the request body field names of the connector's SDK (Azure/connectors-python-sdk
 * `wdatp.py`) and real Sentinel playbooks. The webhook trigger's `WebHooks_CreateWebHook` is confirmed.
 */
import { defenderCatalogue as ops, defenderTriggers, type AlertStatus } from "../../operations";
import type { ExprLike } from "../kit/expr";
import { listCallbackUrl } from "../kit/functions";
import type { Input } from "../kit/operation";
import { apiWebhookTrigger, callable, connector } from "./define";

/** OData query options for list operations. */
export interface ODataQuery {
  filter?: ExprLike<string>;
  top?: ExprLike<number>;
  skip?: ExprLike<number>;
  orderBy?: ExprLike<string>;
  select?: ExprLike<string>;
}

const odata = (q: ODataQuery = {}): Record<string, Input> => ({
  $filter: q.filter,
  $top: q.top,
  $skip: q.skip,
  $orderby: q.orderBy,
  $select: q.select,
});

/** A machine id (or computer DNS name, which the API also accepts) and the comment MDE records with the action. */
export interface MachineCommentArgs {
  machineId: ExprLike<string>;
  comment: ExprLike<string>;
}

const machineComment = (a: MachineCommentArgs) => ({ params: { id: a.machineId }, body: { Comment: a.comment } });
const list = (q: ODataQuery) => ({ queries: odata(q) });

/** Every wdatp operation the kit declares, callable. */
export const defenderOperations = {
  getAlert: callable(ops.getAlert, (a: { alertId: ExprLike<string> }) => ({ params: { id: a.alertId } })),
  listAlerts: callable(ops.listAlerts, list),
  updateAlert: callable(
    ops.updateAlert,
    (a: { alertId: ExprLike<string>; status?: ExprLike<Exclude<AlertStatus, "Unknown">>; assignedTo?: ExprLike<string>; classification?: ExprLike<string>; determination?: ExprLike<string> }) => ({
      params: { id: a.alertId },
      body: { status: a.status, assignedTo: a.assignedTo, classification: a.classification, determination: a.determination },
    }),
  ),
  getMachine: callable(ops.getMachine, (a: { machineId: ExprLike<string> }) => ({ params: { id: a.machineId } })),
  listMachines: callable(ops.listMachines, list),
  isolateMachine: callable(ops.isolateMachine, (a: MachineCommentArgs & { isolationType: ExprLike<"Full" | "Selective"> }) => ({
    params: { id: a.machineId },
    body: { Comment: a.comment, IsolationType: a.isolationType },
  })),
  releaseMachine: callable(ops.releaseMachine, machineComment),
  restrictAppExecution: callable(ops.restrictAppExecution, machineComment),
  unrestrictAppExecution: callable(ops.unrestrictAppExecution, machineComment),
  runAntivirusScan: callable(ops.runAntivirusScan, (a: MachineCommentArgs & { scanType: ExprLike<"Quick" | "Full"> }) => ({
    params: { id: a.machineId },
    body: { Comment: a.comment, ScanType: a.scanType },
  })),
  tagMachine: callable(ops.tagMachine, (a: { machineId: ExprLike<string>; tag: ExprLike<string>; action: ExprLike<"Add" | "Remove"> }) => ({
    params: { id: a.machineId },
    body: { Value: a.tag, Action: a.action },
  })),
  collectInvestigationPackage: callable(ops.collectInvestigationPackage, machineComment),
  getInvestigationPackageUri: callable(ops.getInvestigationPackageUri, (a: { machineActionId: ExprLike<string> }) => ({ params: { id: a.machineActionId } })),
  startInvestigation: callable(ops.startInvestigation, machineComment),
  getMachineAction: callable(ops.getMachineAction, (a: { machineActionId: ExprLike<string> }) => ({ params: { id: a.machineActionId } })),
  getFileStats: callable(ops.getFileStats, (a: { fileHash: ExprLike<string>; lookBackHours?: ExprLike<number> }) => ({
    params: { id: a.fileHash },
    queries: { lookBackHours: a.lookBackHours },
  })),
  getIpStats: callable(ops.getIpStats, (a: { ip: ExprLike<string>; lookBackHours?: ExprLike<number> }) => ({
    params: { ip: a.ip },
    queries: { lookBackHours: a.lookBackHours },
  })),
  getDomainStats: callable(ops.getDomainStats, (a: { domain: ExprLike<string>; lookBackHours?: ExprLike<number> }) => ({
    params: { domain: a.domain },
    queries: { lookBackHours: a.lookBackHours },
  })),
  runAdvancedQuery: callable(ops.runAdvancedQuery, (a: { query: ExprLike<string> }) => ({ body: { Query: a.query } })),
  runHuntingQuery: callable(ops.runHuntingQuery, (a: { query: ExprLike<string>; timespan?: ExprLike<string> }) => ({ body: { Query: a.query, Timespan: a.timespan } })),
};

/** Builder functions for every Defender operation (`defender.isolateMachine({...})`). */
export const defender = {
  ...connector(defenderOperations),
  /**
   * Trigger when a new MDE alert is created (webhook `POST /subscriptions`). It delivers only the alert `id`
   * and `machineId`: fetch the alert with `getAlert`.
   */
  alertCreated(options: { clientState?: string; expirationDateTime?: string } = {}) {
    return apiWebhookTrigger(defenderTriggers.alertCreated, {
        clientState: options.clientState ?? "playbook-kit",
        changeType: "created",
        resource: "alerts",
        expirationDateTime: options.expirationDateTime ?? "2038-09-20T12:00:00Z",
        notificationUrl: listCallbackUrl(),
    });
  },
};
