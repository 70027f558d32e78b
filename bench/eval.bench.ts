/**
 * `eval_per_s`: expression evaluations per second over a mix of the expressions MDE playbooks use
 * (accessors on action bodies, conditions, interpolation, URI building, dates), parse cache warm.
 */
import { createStaticContext, evaluateString } from "../simulator/expression/evaluate";
import { round, timeMs, type Metric } from "./metric";

const ALERT = {
  id: "da637551227677560813_-961444813",
  severity: "High",
  title: "Suspicious PowerShell command line",
  machineId: "1e5bc9d7e413ddd7902c2932e418702b84d0cc07",
  computerDnsName: "contoso-pc1.contoso.local",
  evidence: [{ entityType: "File", sha1: "8d3c6ae9b1b2c1b0f1e2f4b5c6d7e8f9a0b1c2d3" }, { entityType: "Ip", ipAddress: "10.1.2.3" }],
};

const MIX = [
  "@triggerBody()?['id']",
  "@body('Get_alert')?['severity']",
  "@equals(body('Get_alert')?['severity'], 'High')",
  "@{body('Get_alert')?['machineId']}",
  "Isolated by playbook: @{body('Get_alert')?['title']} (@{body('Get_alert')?['id']})",
  "@parameters('$connections')['wdatp']['connectionId']",
  "@encodeURIComponent(body('Get_alert')?['machineId'])",
  "@concat('https://api.securitycenter.microsoft.com/api/machines/', body('Get_alert')?['machineId'], '/isolate')",
  "@contains(toLower(string(body('Get_machine')?['machineTags'])), 'exclude')",
  "@and(equals(body('Get_alert')?['severity'], 'High'), not(contains(variables('excluded'), body('Get_alert')?['computerDnsName'])))",
  "@length(body('Run_query')?['Results'])",
  "@greater(length(body('Run_query')?['Results']), 0)",
  "@items('For_each')?['DeviceName']",
  "@formatDateTime(utcNow(), 'yyyy-MM-dd HH:mm')",
  "@addDays(utcNow(), -1)",
  "@if(equals(parameters('mode'), 'audit'), 'would isolate', 'isolated')",
  "@body('Get_alert')?['evidence'][1]?['ipAddress']",
  "@variables('counter')",
  "@add(variables('counter'), 1)",
  "plain text that is not an expression",
];

/** Run the evaluator benchmark. */
export async function run(): Promise<Metric[]> {
  const ctx = createStaticContext({
    now: "2024-05-01T08:00:00Z",
    parameters: { $connections: { wdatp: { connectionId: "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Web/connections/wdatp" } }, mode: "enforce" },
    variables: { excluded: ["dc01.contoso.local"], counter: 3 },
    trigger: { outputs: { body: { id: ALERT.id, machineId: ALERT.machineId } } },
    actions: {
      Get_alert: { outputs: { statusCode: 200, body: ALERT } },
      Get_machine: { outputs: { statusCode: 200, body: { machineTags: ["Finance", "VIP"] } } },
      Run_query: { outputs: { statusCode: 200, body: { Results: [{ DeviceName: "pc1" }, { DeviceName: "pc2" }] } } },
    },
    items: { For_each: { DeviceName: "pc1" } },
  });
  const rounds = 5000;
  const pass = () => {
    for (let r = 0; r < rounds; r++) for (const expression of MIX) evaluateString(expression, ctx);
  };
  const ms = await timeMs(pass, 3);
  const evaluations = rounds * MIX.length;
  return [{ metric: "eval_per_s", value: round((evaluations / ms) * 1000, 0), unit: "evaluations/s" }];
}
