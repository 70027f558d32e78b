/** Mocks and call patterns the bundled scenarios share (the simulator's mock-file form). */
import { sampleMachine, sampleMachineAction } from "./samples";
import type { CallPattern, ScenarioMock } from "./types";

/** `GET /api/machines/{id}` answers the sample device with these tags. */
export const getMachine = (tags: string[]): ScenarioMock => ({ connector: "wdatp", method: "get", path: "/api/machines/{id}", response: { status: 200, body: sampleMachine(tags) } });
/** A machine action (`isolate`, `unisolate`, `restrictCodeExecution`, `runAntiVirusScan`, …) answers `status`. */
export const machineAction = (action: string, status: number, body: unknown = sampleMachineAction()): ScenarioMock => ({ connector: "wdatp", method: "post", path: `/api/machines/{id}/${action}`, response: { status, body } });
/** Graph sendMail accepts the mail. */
export const sendMail: ScenarioMock = { http: { method: "POST", uri: "https://graph.microsoft.com/v1.0/users/*/sendMail" }, response: { status: 202 } };
/** MDE's answer to a duplicate machine action. */
export const ALREADY_IN_PROGRESS = { error: { code: "ActiveRequestAlreadyExists", message: "Action is already in progress", target: "b3f1e2d4" } };

/** The call of a machine action. */
export const machineActionCall = (action: string): CallPattern => ["wdatp", "post", `/api/machines/*/${action}`];
export const MAIL_CALL: CallPattern = ["http", "POST", "https://graph.microsoft.com/v1.0/users/*/sendMail"];

/** "Entities - Get Hosts" answers these hosts. */
export const getHosts = (hosts: readonly Record<string, unknown>[]): ScenarioMock => ({ connector: "azuresentinel", method: "post", path: "/entities/host", response: { status: 200, body: { Hosts: hosts } } });
/** "Add comment to incident" accepts the comment. */
export const addComment: ScenarioMock = {
  connector: "azuresentinel",
  method: "post",
  path: "/Incidents/Comment",
  response: { status: 200, body: { id: "c-1", name: "c-1", properties: { message: "recorded" } } },
};
/** `GET /api/machines?$filter=…` answers these machines. */
export const findMachines = (machines: readonly unknown[]): ScenarioMock => ({ connector: "wdatp", method: "get", path: "/api/machines", response: { status: 200, body: { value: machines } } });
export const COMMENT_CALL: CallPattern = ["azuresentinel", "post", "/Incidents/Comment"];
