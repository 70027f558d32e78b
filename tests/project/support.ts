/** Temporary author projects for the project/ tests. */
import * as fs from "node:fs";
import * as path from "node:path";
import { tempDir } from "../support/cli";

/** A playbook file's source: a request-triggered playbook composing one value. */
export function composePlaybook(name: string, value = "1"): string {
  return `import { definePlaybook, request } from "playbook-kit";

export default definePlaybook({
  name: "${name}",
  description: "Compose one value.",
  trigger: request(),
  build({ flow }) {
    flow.compose("Value", ${value});
  },
});
`;
}

/** Write a project: playbook-kit.json and files (relative path → content). Returns its root. */
export function writeProject(config: Record<string, unknown>, files: Record<string, string>): string {
  const root = tempDir("pk-project-");
  fs.writeFileSync(path.join(root, "playbook-kit.json"), `${JSON.stringify(config, null, 2)}\n`);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), content);
  }
  return root;
}

/** A stack file enabling the given playbooks (name → extra settings). */
export function stackYaml(playbooks: Record<string, string>): string {
  const entries = Object.entries(playbooks).map(([name, extra]) => `    ${name}:\n      enabled: true\n      state: Enabled\n${extra}`);
  return [
    "config:",
    "  playbook-kit:location: westeurope",
    "  playbook-kit:resourceGroup:",
    "    name: rg-test",
    "    create: true",
    "  playbook-kit:identity:",
    "    type: SystemAssigned",
    "  playbook-kit:notify:",
    "    channel: graph",
    "    sender: bot@contoso.com",
    "    recipients:",
    "      - soc@contoso.com",
    "  playbook-kit:grantPermissions: true",
    "  playbook-kit:playbooks:",
    ...entries,
    "",
  ].join("\n");
}
