/**
 * `simulate_runs_per_s`: whole simulated runs per second of the seed playbook `isolate-on-high-severity`, on the
 * High-severity path (get alert → get machine → recipients → isolate → email), one core, plan cache warm.
 * Also `simulate_corpus_runs_per_s` for a real Sentinel template with a Foreach (ARM template form).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isolateOnHighSeverity } from "../playbooks/catalog";
import { sampleAlert, sampleMachine, sampleMachineAction } from "../playbooks/catalog/scenarios";
import { mocks, simulate, type Mock, type SimulateOptions } from "../simulator";
import { round, type Metric } from "./metric";

/** Runs per second of `fn`, best of a few timed batches of at least `minMs` each. */
function runsPerSecond(fn: () => void, minMs = 400, batches = 5): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up (JIT, plan and parse caches)
  let best = 0;
  for (let b = 0; b < batches; b++) {
    let runs = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < minMs) {
      for (let i = 0; i < 100; i++) fn();
      runs += 100;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    best = Math.max(best, (runs * 1000) / elapsed);
  }
  return best;
}

/** Run the simulator benchmarks. */
export async function run(): Promise<Metric[]> {
  const definition = isolateOnHighSeverity().definition;
  const highPath: SimulateOptions = {
    trigger: { body: { id: "da1", machineId: "m1" } },
    parameters: { notifyTo: "soc@contoso.com;secops@contoso.com", senderMailbox: "bot@contoso.com" },
    now: "2026-11-27T08:15:00Z",
    mocks: [
      mocks.defender.getAlert({ status: 200, body: sampleAlert("High") }),
      mocks.defender.getMachine({ status: 200, body: sampleMachine(["finance"]) }),
      mocks.defender.isolateMachine({ status: 201, body: sampleMachineAction() }),
      mocks.graphMail.sendMail({ status: 202 }),
    ],
  };
  const check = simulate(definition, highPath);
  if (check.status !== "Succeeded" || check.action("Isolate_machine").status !== "Succeeded") {
    throw new Error(`the benchmark run did not take the High path: ${check.status}`);
  }
  const seed = runsPerSecond(() => simulate(definition, highPath));

  const corpusFile = path.resolve(__dirname, "../../../shared/corpus/sentinel-mde/solutions-isolate-mdemachine-alert.json");
  const metrics: Metric[] = [{ metric: "simulate_runs_per_s", value: round(seed, 0), unit: "runs/s" }];
  if (fs.existsSync(corpusFile)) {
    const template = JSON.parse(fs.readFileSync(corpusFile, "utf8")) as unknown;
    const corpusMocks: Mock[] = [
      { connector: "azuresentinel", method: "get", response: { status: 200, body: { id: "/incidents/1", properties: { incidentNumber: 1, title: "t" } } } },
      { connector: "azuresentinel", method: "post", path: "/entities/host", response: { status: 200, body: { Hosts: [{ HostName: "pc1", MdatpDeviceId: "d1" }, { HostName: "pc2", MdatpDeviceId: "d2" }, { HostName: "pc3" }] } } },
      { connector: "wdatp", method: "post", path: "/api/machines/{id}/isolate", response: { status: 201, body: { status: "Pending" } } },
      { connector: "azuresentinel", method: "post", path: "/Incidents/Comment", response: { status: 200 } },
    ];
    const options: SimulateOptions = { trigger: { body: { WorkspaceSubscriptionId: "s", WorkspaceResourceGroup: "r", WorkspaceId: "w", SystemAlertId: "a" } }, mocks: corpusMocks };
    if (simulate(template, options).status !== "Succeeded") throw new Error("the corpus benchmark run did not succeed");
    metrics.push({ metric: "simulate_corpus_runs_per_s", value: round(runsPerSecond(() => simulate(template, options)), 0), unit: "runs/s" });
  }
  return metrics;
}
