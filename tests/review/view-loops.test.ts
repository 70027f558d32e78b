/** The view on Switches and loops: cases side by side, the loop frame around its steps, one record per iteration. */
import { describe, expect, it } from "vitest";
import { definePlaybook, request } from "../../playbooks/kit";
import { layoutDefinition, viewRun, type DiagramBox } from "../../review/view";

const playbook = definePlaybook({
  name: "loops",
  description: "Switch and Foreach",
  trigger: request<{ kind: string; items: string[] }>(),
  build: ({ flow, trigger }) => {
    flow.switch("Route", trigger.body.kind, { alert: (f) => void f.compose("On alert", "a"), incident: (f) => void f.compose("On incident", "i") }, (f) => void f.compose("Otherwise", "o"));
    flow.forEach("Each item", trigger.body.items, (f, item) => void f.compose("Echo", item));
  },
});
const inside = (inner: DiagramBox, outer: DiagramBox) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;

describe("Switch and Foreach in the view", () => {
  it("a Switch's cases and default side by side in model order; a loop frames its steps", async () => {
    const d = await layoutDefinition(playbook.definition);
    const box = (id: string) => d.boxes.find((b) => b.id === id)!;
    const branches = ["b:Route:case:Case_alert", "b:Route:case:Case_incident", "b:Route:default"].map(box);
    expect(branches.map((b) => b.title[0])).toEqual(["Case alert", "Case incident", "Default"]);
    expect(new Set(branches.map((b) => b.y)).size).toBe(1);
    expect(branches[0]!.x).toBeLessThan(branches[1]!.x);
    expect(branches[1]!.x).toBeLessThan(branches[2]!.x);
    expect(inside(box("s:On_incident"), branches[1]!)).toBe(true);
    expect(box("s:Each_item")).toMatchObject({ kind: "container", subtitle: "For each · triggerBody()?['items']" });
    expect(inside(box("s:Echo"), box("s:Each_item"))).toBe(true);
    expect(box("s:Route").y + box("s:Route").height).toBeLessThan(box("s:Each_item").y);
  });

  it("a run: one record per loop iteration, the case not taken skipped", () => {
    const run = viewRun(
      { playbook: "loops", name: "three", title: "three items", options: {}, trigger: { body: { kind: "incident", items: ["a", "b", "c"] } }, mocks: [], expect: { status: "Succeeded" } },
      playbook,
      {},
      false,
    );
    expect(run.problems).toEqual([]);
    expect(run.records.Echo!.map((r) => [r.iteration, r.outputs])).toEqual([
      [[0], "a"],
      [[1], "b"],
      [[2], "c"],
    ]);
    expect(run.statuses).toMatchObject({ Echo: "Succeeded", On_incident: "Succeeded", On_alert: "Skipped", Otherwise: "Skipped" });
  });
});
