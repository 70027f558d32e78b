/**
 * Device resolution: from a Sentinel host entity to exactly one MDE machine, or an explanation of why not.
 * The entity carries the MDE device id as `MdatpDeviceId` on one run, `MdeDeviceId` on another, under
 * `additionalData` on a third, or not at all (../shared/corpus/sentinel-mde: `isolate-mdemachine-incident.json`
 * reads `MdatpDeviceId`, `solutions-unisolate-mdemachine-entity.json` reads `additionalData.MdatpDeviceId`;
 * `MdeDeviceId` is inferred from the renamed product). With an id the machine is read (`GET /api/machines/{id}`);
 * without one it is looked up by FQDN, then by host name (`GET /api/machines?$filter=computerDnsName eq '…'`,
 * the filter `get-mdatpvulnerabilities-crlf.json` sends). Zero or several matches resolve to no machine.
 *
 * The candidates are kept in an array variable (a lookup inside a branch cannot be read after the branch
 * otherwise), so the loop that resolves hosts runs one host at a time.
 */
import type { Machine, SentinelHost } from "../../operations";
import { and, call, coalesce, concat, createArray, empty, equals, ifElse, join, length, not, or, replace, toLower } from "../kit/functions";
import { text, type Expr, type Ref } from "../kit/expr";
import type { Flow, StepHandle, Variable } from "../kit/flow";
import { defender } from "./defender";

/** How a host resolved: one machine, none, several, or the lookup itself failed. */
export type DeviceOutcome = "resolved" | "not found" | "ambiguous" | "failed";

/** What `resolveDevice` placed: the outcome, the machine when there is exactly one, and a sentence for a comment. */
export interface DeviceResolution {
  /** `resolved`, `not found`, `ambiguous` or `failed` (a lookup answered with an error other than 404). */
  readonly outcome: Ref<DeviceOutcome>;
  /** The machine when `outcome` is `resolved`, else null. */
  readonly machine: Ref<Machine>;
  /** The host's display name: HostName, else the FQDN, else the device id. */
  readonly host: Ref<string>;
  /** One sentence saying what was found (the device, or why none was chosen), for an incident comment. */
  readonly detail: Ref<string>;
  /** The last step placed; steps placed after it in the same flow run once the host is resolved. */
  readonly done: StepHandle;
}

/** The variable `resolveDevice` keeps the candidates in; declare it once at the top level. */
export type DeviceCandidates = Variable<Machine[]>;

/** Declare the candidates variable (top level, before the loop over hosts). */
export function deviceCandidates(flow: Flow): DeviceCandidates {
  return flow.variable<Machine[]>("Initialize device candidates", { name: "deviceCandidates", type: "array", value: [] });
}

/** An OData string literal: quotes doubled. */
const odataString = (value: Expr<string>): Expr<string> => replace(toLower(value), "'", "''");

/** The machines whose computerDnsName equals `name` (MDE stores it lower-case). */
const byName = (name: Expr<string>) => defender.listMachines({ filter: text`computerDnsName eq '${odataString(name)}'` });

/**
 * Resolve one host entity to an MDE machine. Place it in the loop over hosts; `candidates` is the variable
 * from `deviceCandidates`. Nothing destructive is called; what to do with an unresolved host is the caller's.
 */
export function resolveDevice(flow: Flow, host: Ref<SentinelHost>, candidates: DeviceCandidates): DeviceResolution {
  const extra = host.additionalData;
  const ids = flow.compose<{ deviceId: string; fqdn: string; hostName: string }>("Device identifiers of host", {
    deviceId: coalesce(host.MdatpDeviceId, host.MdeDeviceId, extra.MdatpDeviceId, extra.MdeDeviceId, ""),
    fqdn: coalesce(host.FQDN, extra.FQDN, ifElse(empty(coalesce(host.DnsDomain, "")), "", concat(host.HostName, ".", host.DnsDomain))),
    hostName: coalesce(host.HostName, ""),
  });
  const { deviceId, fqdn, hostName } = ids.value;
  flow.setVariable("Clear device candidates", candidates, []);
  const lookup = flow.if(
    "Entity has a device id",
    not(empty(deviceId)),
    (byId) => {
      const machine = byId.step("Get machine by device id", defender.getMachine({ machineId: deviceId }));
      byId.setVariable("Keep machine with that id", candidates, createArray(machine.body));
    },
    (byDns) => {
      byDns.if("Entity has an FQDN", not(empty(fqdn)), (f) => {
        const found = f.step("Find machines by FQDN", byName(fqdn));
        f.setVariable("Keep machines with that FQDN", candidates, coalesce(found.body.value, []));
      });
      const shortName = and(empty(candidates.value), not(empty(hostName)), not(equals(toLower(hostName), toLower(fqdn))));
      byDns.if("No machine by FQDN", shortName, (h) => {
        const found = h.step("Find machines by host name", byName(hostName));
        h.setVariable("Keep machines with that host name", candidates, coalesce(found.body.value, []));
      });
    },
  );
  const any = ["Succeeded", "Failed", "TimedOut"] as const;
  const idsOfCandidates = flow.select<Machine, string>("Ids of device candidates", candidates.value, (m) => m.id, { after: lookup, on: any });
  const found = candidates.value;
  const count = length(found);
  const lookedUp = call<{ status: string }>("actions", lookup.name).status;
  // A device id MDE does not know answers 404: not found. Any other failure (after the retries) is a failed lookup.
  const byIdStatus = call<{ outputs: { statusCode: number } }>("actions", "Get_machine_by_device_id").outputs.statusCode;
  const outcome = flow.compose<DeviceOutcome>(
    "Device lookup outcome",
    ifElse(equals(lookedUp, "Succeeded"), ifElse(empty(found), "not found", ifElse(equals(count, 1), "resolved", "ambiguous")), ifElse(equals(byIdStatus, 404), "not found", "failed")),
  ).value;
  const names = ifElse(empty(fqdn), hostName, ifElse(or(empty(hostName), equals(toLower(hostName), toLower(fqdn))), fqdn, concat(fqdn, "' or '", hostName)));
  const one = call<Machine>("first", found);
  const detail = ifElse(
    equals(outcome, "resolved"),
    concat("MDE device ", one.id, " (", one.computerDnsName, ")"),
    ifElse(
      equals(outcome, "ambiguous"),
      concat(count, " MDE machines are named '", names, "' (", join(idsOfCandidates.body, ", "), "); none was chosen"),
      ifElse(
        equals(outcome, "failed"),
        "looking the device up in MDE failed (see the run history)",
        ifElse(empty(deviceId), concat("the entity has no MDE device id and no MDE machine is named '", names, "'"), concat("MDE does not know the device id ", deviceId)),
      ),
    ),
  );
  const resolution = flow.compose<{ outcome: DeviceOutcome; machine: Machine; host: string; detail: string }>("Device resolution", {
    outcome,
    machine: ifElse(equals(count, 1), one, null),
    host: coalesce(host.HostName, ifElse(empty(fqdn), deviceId, fqdn)),
    detail,
  });
  return { outcome: resolution.value.outcome, machine: resolution.value.machine, host: resolution.value.host, detail: resolution.value.detail, done: resolution };
}
