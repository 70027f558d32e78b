/** The page's stylesheet and script, inlined into the HTML (the page fetches nothing). */

/** Page styles (the diagram's own are inside each SVG). */
export const PAGE_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI","Helvetica Neue",Helvetica,Arial,"DejaVu Sans",Verdana,sans-serif;color:#1b1b1b;background:#eef0f3;font-size:14px}
header.top{background:#1f2a44;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:baseline;flex-wrap:wrap}
header.top h1{font-size:18px;margin:0;font-weight:600}
header.top nav a{color:#cfe0ff;margin-right:16px;text-decoration:none}
header.top nav a:hover{text-decoration:underline}
section.playbook{background:#fff;margin:20px 24px;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow:hidden}
section.playbook>header{padding:16px 20px 0}
section.playbook h2{margin:0 0 4px;font-size:20px}
section.playbook p.description{margin:0 0 12px;color:#4a5058}
.tabs{display:flex;gap:4px;padding:0 20px;border-bottom:1px solid #dde1e6;flex-wrap:wrap}
.tabs button{font:inherit;border:0;background:none;padding:8px 12px;cursor:pointer;border-bottom:3px solid transparent;color:#4a5058}
.tabs button[aria-selected=true]{border-bottom-color:#0f6cbd;color:#0f6cbd;font-weight:600}
.tabs .dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px;vertical-align:middle}
.dot.Succeeded{background:#107c10}.dot.Failed{background:#c50f1f}.dot.Cancelled,.dot.Skipped{background:#8a8886}
.panel{display:none;grid-template-columns:minmax(0,1fr) 360px}
.panel.active{display:grid}
.canvas{overflow:auto;padding:16px;max-height:980px;background:#fbfbfc;border-right:1px solid #e4e7eb}
aside{padding:14px 16px;overflow:auto;max-height:980px}
aside h3{font-size:14px;margin:14px 0 6px;color:#2b3038}
aside h3:first-child{margin-top:0}
table.params{border-collapse:collapse;width:100%;font-size:12.5px}
table.params td,table.params th{border-bottom:1px solid #eceef1;padding:4px 6px;text-align:left;vertical-align:top}
code,pre{font-family:"Cascadia Code",Consolas,"DejaVu Sans Mono",monospace;font-size:12px}
pre{background:#f4f5f7;border:1px solid #e4e7eb;border-radius:6px;padding:8px;white-space:pre-wrap;word-break:break-word;max-height:320px;overflow:auto;margin:4px 0 10px}
ul.plain{margin:0;padding-left:18px}
.warn{color:#a4262c;font-weight:600}
.status{font-weight:600}.status.Succeeded{color:#107c10}.status.Failed,.status.TimedOut{color:#c50f1f}.status.Skipped,.status.NotRun{color:#6b6f75}
.details .hint{color:#6b6f75}
.problems{color:#a4262c}
footer{color:#6b6f75;font-size:12px;margin:0 24px 24px}
`;

/**
 * Tabs (Design and one per run) and the details of the clicked step: its definition on the Design tab, its
 * inputs and outputs (per loop iteration) on a run tab. Text only through textContent: definitions may be
 * anyone's, nothing in them becomes markup.
 */
export const PAGE_SCRIPT = `
(function () {
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  function json(v) { return typeof v === "string" ? v : JSON.stringify(v, null, 2); }
  function block(box, title, value) { box.appendChild(el("h3", "", title)); box.appendChild(el("pre", "", json(value))); }
  document.querySelectorAll("section.playbook").forEach(function (section) {
    var data = JSON.parse(section.querySelector("script.pk-data").textContent);
    var tabs = section.querySelectorAll(".tabs button");
    function show(id) {
      tabs.forEach(function (b) { b.setAttribute("aria-selected", String(b.dataset.tab === id)); });
      section.querySelectorAll(".panel").forEach(function (p) { p.classList.toggle("active", p.dataset.panel === id); });
    }
    tabs.forEach(function (b) { b.addEventListener("click", function () { show(b.dataset.tab); }); });
    function select(panel, node) {
      panel.querySelectorAll(".step.selected").forEach(function (n) { n.classList.remove("selected"); });
      node.classList.add("selected");
      var name = node.dataset.step, box = panel.querySelector(".details");
      box.textContent = "";
      var run = panel.dataset.run !== undefined ? data.runs[panel.dataset.run] : undefined;
      var steps = run ? run.steps : data.steps;
      var step = steps[name] || {};
      box.appendChild(el("h3", "", name.replace(/_/g, " ")));
      box.appendChild(el("div", "", step.label || ""));
      if (step.destructive) box.appendChild(el("div", "warn", "⚠ destructive: changes a device, alert or indicator"));
      if (!run) { block(box, "Definition", step.fields); return; }
      var records = node.dataset.kind === "trigger" ? [{ status: "Succeeded", inputs: run.trigger.inputs, outputs: run.trigger.outputs }] : run.records[name] || [];
      if (!records.length) { box.appendChild(el("p", "status NotRun", "Not run")); return; }
      records.forEach(function (r) {
        var head = el("p", "");
        head.appendChild(el("span", "status " + r.status, r.status + (r.code ? " (" + r.code + ")" : "")));
        if (r.iteration) head.appendChild(el("span", "", " · iteration " + r.iteration.join(".")));
        if (r.retries) head.appendChild(el("span", "", " · " + r.retries + " retries"));
        box.appendChild(head);
        if (r.error) block(box, "Error", r.error);
        if (r.inputs !== undefined) block(box, "Inputs", r.inputs);
        if (r.outputs !== undefined) block(box, "Outputs", r.outputs);
      });
    }
    section.querySelectorAll(".panel").forEach(function (panel) {
      panel.querySelectorAll(".step").forEach(function (node) {
        node.addEventListener("click", function () { select(panel, node); });
        node.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(panel, node); } });
      });
    });
  });
})();
`;
