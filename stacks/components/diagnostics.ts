/** Diagnostic settings that send each workflow's `WorkflowRuntime` logs and `AllMetrics` to a Log Analytics workspace. */
import * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor";

/** Arguments of `Diagnostics`. */
export interface DiagnosticsArgs {
  workspaceId: string;
  /** Workflows by playbook name. */
  workflows: ReadonlyMap<string, { id: pulumi.Input<string>; workflowName: string }>;
}

/** Name of a workflow's diagnostic setting. */
export function diagnosticSettingName(workflowName: string): string {
  return `${workflowName}-to-log-analytics`;
}

/** `playbook-kit:index:Diagnostics`. */
export class Diagnostics extends pulumi.ComponentResource {
  readonly settings: monitor.DiagnosticSetting[];

  constructor(name: string, args: DiagnosticsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("playbook-kit:index:Diagnostics", name, {}, opts);
    this.settings = [...args.workflows].map(
      ([playbook, wf]) =>
        new monitor.DiagnosticSetting(
          `${name}-${playbook}`,
          {
            name: diagnosticSettingName(wf.workflowName),
            resourceUri: wf.id,
            workspaceId: args.workspaceId,
            logs: [{ category: "WorkflowRuntime", enabled: true }],
            metrics: [{ category: "AllMetrics", enabled: true }],
          },
          { parent: this },
        ),
    );
    this.registerOutputs({ workspaceId: args.workspaceId, settingIds: this.settings.map((s) => s.id) });
  }
}
