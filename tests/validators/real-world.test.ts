/**
 * Constructs that real, deployed files use and that the validator once reported as errors (issue 14): each test
 * shows the construct stays quiet, and that the rule it used to trip still fires on a real defect next to it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredPermissions } from "../../operations/permissions";
import { validate, validateDocument, validateText } from "../../validators";
import { decodeText } from "../../validators/decode";
import { detect } from "../../validators/detect";
import { JsonPositions } from "../../validators/json-text";
import { walkActions } from "../../wdl/walk";
import { runCli, tempDir } from "../support/cli";
import { armTemplate, compose, def } from "./helpers";

type Obj = Record<string, unknown>;
const codes = (input: unknown, options = {}) => validate(input, options).map((d) => d.code);
const errors = (input: unknown) => validate(input).filter((d) => d.severity === "error");

/** UTF-16 bytes of a text, with a byte order mark. */
function utf16(text: string, endian: "le" | "be"): Buffer {
  const le = Buffer.from(`\uFEFF${text}`, "utf16le");
  return endian === "le" ? le : Buffer.from(le).swap16();
}

describe("1. ARM templates with // and /* */ comments", () => {
  const template = [
    "{",
    '  // Deploy-to-Azure template, comments as ARM accepts them',
    '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
    '  "contentVersion": "1.0.0.0", /* inline */',
    '  "resources": [',
    "    {",
    '      "type": "Microsoft.Logic/workflows", "apiVersion": "2017-07-01", "name": "wf", "location": "westeurope",',
    '      "identity": { "type": "SystemAssigned" },',
    '      "properties": { "definition": {',
    '        "triggers": { "manual": { "type": "Request", "kind": "Http" } },',
    '        "actions": {',
    '          /* a block comment',
    '             over two lines with "quotes" and // slashes */',
    '          "A": { "type": "Compose", "inputs": "https://example.com/a//b /* not a comment */", "runAfter": {} },',
    '          "B": { "type": "Compose", "inputs": "@body(\'Nope\')", "runAfter": { "A": ["Succeeded"] } } // trailing',
    "        }",
    "      } }",
    "    }",
    "  ]",
    "}",
  ].join("\r\n");

  it("parses, keeps strings that contain // and /* intact, and reports true defects at the right line and column", () => {
    const { report, positions } = validateText(template);
    expect(report.kind).toBe("arm-template");
    const found = report.workflows.flatMap((w) => w.diagnostics);
    expect(found.map((d) => d.code)).toEqual(["reference-missing"]);
    const line15 = template.split("\r\n")[14]!;
    expect(positions().locate(found[0]!.pointer)).toEqual({ line: 15, column: line15.indexOf('"@body') + 1 }); // the value of B.inputs
    const doc = JSON.parse(JSON.stringify(detect(JSON.parse(positions().text), "x").targets[0]!.definition)) as Obj;
    expect((doc.actions as Obj & { A: Obj }).A.inputs).toBe("https://example.com/a//b /* not a comment */");
  });

  it("a walked JSON-with-comments file that is no workflow (tsconfig.json) is still skipped", () => {
    const dir = tempDir("pk-jsonc-");
    fs.writeFileSync(path.join(dir, "tsconfig.json"), '{\n  // compiler options\n  "compilerOptions": { "strict": true }\n}\n');
    fs.writeFileSync(path.join(dir, "playbook.json"), JSON.stringify(def({ A: compose(1) })));
    const r = runCli(["validate", dir, "--format", "json"]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).summary).toEqual({ files: 1, workflows: 1, errors: 0, warnings: 0 });
  });

  it("a comment outside an ARM template is a warning with its line; a syntax error after a comment keeps its real place", () => {
    const bare = validateText(`{\n  // from the code view\n  "triggers": {}, "actions": {}\n}`);
    expect(bare.report.workflows[0]!.diagnostics).toMatchObject([{ code: "json-comments", severity: "warning", line: 2, column: 3 }]);
    const broken = validateText('{\n  /* c */ "a": 1,\n  "b": }');
    expect(broken.report.workflows[0]!.diagnostics[0]).toMatchObject({ code: "json-syntax", line: 3, column: 8 });
    const open = validateText('{ "a": 1 /* never closed\n}');
    expect(open.report.workflows[0]!.diagnostics[0]).toMatchObject({ code: "json-syntax", line: 1, column: 10 });
    expect(open.report.workflows[0]!.diagnostics[0]!.message).toMatch(/Unterminated \/\* comment/);
  });
});

describe("2. UTF-16 files (LE and BE, with a byte order mark)", () => {
  const text = JSON.stringify(def({ Start: compose("é ✓"), Then: compose("@outputs('Missing')", { Start: ["Succeeded"] }) }), null, 2);

  it("decodes UTF-8 (with or without BOM) and UTF-16 LE/BE (with BOM, or recognised from the zero bytes)", () => {
    expect(decodeText(Buffer.from(text, "utf8"))).toEqual({ text, encoding: "utf-8", bom: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]))).toEqual({ text, encoding: "utf-8", bom: true });
    expect(decodeText(utf16(text, "le"))).toEqual({ text, encoding: "utf-16le", bom: true });
    expect(decodeText(utf16(text, "be"))).toEqual({ text, encoding: "utf-16be", bom: true });
    expect(decodeText(Buffer.from(text, "utf16le"))).toEqual({ text, encoding: "utf-16le", bom: false });
  });

  let dir: string;
  beforeAll(() => {
    dir = tempDir("pk-utf16-");
    fs.writeFileSync(path.join(dir, "le.json"), utf16(text, "le"));
    fs.writeFileSync(path.join(dir, "be.json"), utf16(text, "be"));
    const clean = JSON.stringify(def({ Start: compose("@triggerBody()?['x']") }), null, 2);
    fs.writeFileSync(path.join(dir, "clean-le.json"), utf16(clean, "le"));
    fs.writeFileSync(path.join(dir, "trigger.json"), utf16(JSON.stringify({ body: { x: "ü" } }), "be"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("validate reads both byte orders and points at the real line", () => {
    for (const name of ["le.json", "be.json"]) {
      const r = runCli(["validate", path.join(dir, name)]);
      expect(r.code, r.stderr).toBe(1);
      const line = text.split("\n").findIndex((l) => l.includes("@outputs('Missing')")) + 1;
      expect(r.stdout).toMatch(new RegExp(`${name}:${line}:\\d+ error reference-missing`));
    }
  });

  it("simulate and graph read UTF-16 files too", () => {
    const sim = runCli(["simulate", path.join(dir, "clean-le.json"), "--trigger", path.join(dir, "trigger.json"), "--format", "json"]);
    expect(sim.code, sim.stderr).toBe(0);
    expect(JSON.parse(sim.stdout).actions.Start.outputs).toBe("ü");
    const graph = runCli(["graph", path.join(dir, "clean-le.json")]);
    expect(graph.code, graph.stderr).toBe(0);
    expect(graph.stdout).toContain("Start");
  });
});

describe("3. the one-character string \"@\" is a literal", () => {
  it("contains(…, \"@\") in a condition is fine; '@ ' is still an empty expression", () => {
    const condition = { and: [{ contains: ["@items('Each')?['caller']", "@"] }] };
    const loop = (expression: unknown) =>
      def({ Each: { type: "Foreach", foreach: "@triggerBody()", actions: { Check: { type: "If", expression, actions: {}, runAfter: {} } }, runAfter: {} } });
    expect(validate(loop(condition))).toEqual([]);
    expect(codes(loop({ and: [{ contains: ["@items('Each')?['caller']", "@ "] }] }))).toEqual(["expression-syntax"]);
  });
});

describe("4. Logic Apps Standard: parameters come from parameters.json; local child workflows", () => {
  const usesParameter = def({ Call: compose("@parameters('ServiceUrl')") });

  it("an undeclared parameter is no error in {definition, kind}, in a bare definition named workflow.json, or in one with Standard-only operations", () => {
    expect(validate({ definition: usesParameter, kind: "Stateful" })).toEqual([]);
    expect(validate(usesParameter, { fileName: "workflow.json" })).toEqual([]);
    const standardOnly = def({
      Call: compose("@parameters('ServiceUrl')"),
      Send: {
        type: "ServiceProvider",
        inputs: { parameters: { entityName: "q" }, serviceProviderConfiguration: { connectionName: "serviceBus", operationId: "sendMessage", serviceProviderId: "/serviceProviders/serviceBus" } },
        runAfter: {},
      },
    });
    expect(validate(standardOnly)).toEqual([]);
    const referenceName = def({
      Get: { type: "ApiConnection", inputs: { host: { connection: { referenceName: "office365" } }, method: "get", path: "/v2/Mail" }, runAfter: {} },
      Use: compose("@parameters('Mailbox')", { Get: ["Succeeded"] }),
    });
    expect(validate(referenceName)).toEqual([]);
  });

  it("validate checks a workflow.json against the app's parameters.json beside its folder (a warning, with a hint)", () => {
    const app = tempDir("pk-standard-");
    fs.writeFileSync(path.join(app, "parameters.json"), JSON.stringify({ ServiceUrl: { type: "String", value: "https://x.example" } }));
    fs.mkdirSync(path.join(app, "Isolate"));
    const workflow = { definition: def({ A: compose("@parameters('ServiceUrl')"), B: compose("@parameters('ServiceUlr')") }), kind: "Stateful" };
    fs.writeFileSync(path.join(app, "Isolate", "workflow.json"), JSON.stringify(workflow, null, 2));
    const r = runCli(["validate", app, "--format", "json"]);
    fs.rmSync(app, { recursive: true, force: true });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { files: { file: string; workflows: { diagnostics: { code: string; message: string }[] }[] }[] };
    expect(report.files.map((f) => path.basename(f.file))).toEqual(["workflow.json"]); // parameters.json is no workflow
    const [d] = report.files[0]!.workflows[0]!.diagnostics;
    expect(d).toMatchObject({ code: "parameter-not-in-app", severity: "warning" });
    expect(d!.message).toContain("Did you mean 'ServiceUrl'?");
  });

  it("…but still an error in a Consumption definition", () => {
    expect(codes(usesParameter)).toEqual(["parameter-undeclared"]);
    expect(codes(usesParameter, { fileName: "playbook.json" })).toEqual(["parameter-undeclared"]);
  });

  it("'Invoke a workflow in this workflow app' (host.workflow.id without triggerName) is valid; a Workflow action naming no workflow is not", () => {
    const child = (host: Obj) => ({ definition: def({ Call: { type: "Workflow", inputs: { host, body: "@triggerBody()" }, runAfter: {} } }), kind: "Stateful" });
    expect(validate(child({ workflow: { id: "child-workflow" } }))).toEqual([]);
    expect(validate(def({ Call: { type: "Workflow", inputs: { host: { workflow: { id: "child-workflow" } } }, runAfter: {} } }))).toEqual([]);
    expect(codes(child({ triggerName: "manual" }))).toEqual(["schema-violation"]);
  });
});

describe("5. Power Automate 'Run a Child Flow'", () => {
  it("host.workflowReferenceName is valid", () => {
    const flow = {
      properties: {
        connectionReferences: {},
        definition: def({ Run_child: { type: "Workflow", inputs: { host: { workflowReferenceName: "6e0f2b2a-1f1d-4c55-8b4e-0a1b2c3d4e5f" }, body: { text: "x" } }, runAfter: {} } }),
      },
      schemaVersion: "1.0.0.0",
    };
    expect(validate(flow)).toEqual([]);
    expect(codes({ ...flow, properties: { ...flow.properties, definition: def({ Run_child: { type: "Workflow", inputs: { host: { workflowReferenceName: 5 } }, runAfter: {} } }) } })).toEqual([
      "schema-violation",
    ]);
  });
});

describe("6. Agent workflows: agentParameters() and tools.<name>.actions", () => {
  const agent = (tools: Obj, after: Obj = {}) =>
    def({
      Triage: {
        type: "Agent",
        inputs: { parameters: { deploymentId: "gpt-4o", messages: [{ role: "System", content: "Triage the alert." }], agentModelType: "AzureOpenAI" } },
        tools,
        limit: { count: 10, timeout: "PT1H" },
        runAfter: {},
      },
      ...after,
    });
  const isolate = {
    description: "Isolate a device",
    agentParameterSchema: { type: "object", properties: { deviceId: { type: "string" } } },
    actions: {
      Isolate_device: compose("@agentParameters('deviceId')"),
      Record: compose("@outputs('Isolate_device')", { Isolate_device: ["Succeeded"] }),
    },
  };

  it("tool actions are actions: references into them resolve, runAfter inside a tool works, agentParameters() is a function", () => {
    expect(validate(agent({ Isolate: isolate }, { Report: compose("@outputs('Record')", { Triage: ["Succeeded"] }) }))).toEqual([]);
  });

  it("…and the usual rules still see them", () => {
    expect(codes(agent({ Isolate: { ...isolate, actions: { A: compose("@agentParameter('deviceId')") } } }))).toEqual(["unknown-function"]);
    expect(codes(agent({ Isolate: isolate }, { Report: compose("@outputs('Recrd')", { Triage: ["Succeeded"] }) }))).toEqual(["reference-missing"]);
    expect(codes(agent({ Isolate: isolate, Other: { description: "x", actions: { Record: compose(1) } } }))).toEqual(["duplicate-name"]);
    expect(codes(agent({ Isolate: { ...isolate, actions: { A: compose(1, { Somewhere: ["Succeeded"] }) } } }, { Somewhere: compose(1) }))).toEqual(["run-after-other-scope"]);
    expect(codes(agent({ Isolate: { ...isolate, actions: { A: { type: "Http", inputs: { method: "GET" }, runAfter: {} } } } }))).toEqual(["schema-violation"]);
  });

  it("every walker sees tool actions: wdl walkActions and the permission inference", () => {
    const definition = agent({
      Isolate: {
        description: "Isolate",
        actions: {
          Isolate_machine: {
            type: "ApiConnection",
            inputs: { host: { connection: { name: "@parameters('$connections')['wdatp']['connectionId']" } }, method: "post", path: "/api/machines/@{encodeURIComponent(agentParameters('id'))}/isolate", body: { Comment: "x", IsolationType: "Full" } },
            runAfter: {},
          },
        },
      },
    });
    const names: string[] = [];
    walkActions(definition.actions, "/actions", (v) => names.push(`${v.pointer} ${v.branch}`));
    expect(names).toEqual(["/actions/Triage root", "/actions/Triage/tools/Isolate/actions/Isolate_machine tool:Isolate"]);
    expect(requiredPermissions(definition).map((p) => p.role)).toContain("Machine.Isolate");
  });
});

describe("7. ARM languageVersion 2.0 templates (resources as symbolic names)", () => {
  const template = (definition: unknown) => ({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    languageVersion: "2.0",
    contentVersion: "1.0.0.0",
    resources: {
      connection: { type: "Microsoft.Web/connections", apiVersion: "2016-06-01", name: "wdatp", properties: { api: { id: "[subscriptionResourceId('Microsoft.Web/locations/managedApis', 'westeurope', 'wdatp')]" } } },
      playbook: {
        type: "Microsoft.Logic/workflows",
        apiVersion: "2019-05-01",
        name: "isolate",
        identity: { type: "SystemAssigned" },
        properties: { definition },
      },
    },
  });

  it("is detected as a template and its workflow is checked, with pointers through the symbolic name", () => {
    const clean = validateDocument(template(def({ A: compose(1) })));
    expect(clean.kind).toBe("arm-template");
    expect(clean.workflows.map((w) => [w.name, w.pointer])).toEqual([["isolate", "/resources/playbook/properties/definition"]]);
    expect(clean.workflows[0]!.diagnostics).toEqual([]);
    expect(validate(template(def({ A: compose("@body('Nope')") }))).map((d) => [d.code, d.pointer])).toEqual([
      ["reference-missing", "/resources/playbook/properties/definition/actions/A/inputs"],
    ]);
  });

  it("a directory walk checks it instead of skipping it as no workflow", () => {
    const dir = tempDir("pk-arm2-");
    fs.writeFileSync(path.join(dir, "main.json"), JSON.stringify(template(def({ A: compose("@body('Nope')") })), null, 2));
    const r = runCli(["validate", dir, "--format", "json"]);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary).toMatchObject({ files: 1, workflows: 1, errors: 1 });
  });
});

describe("8. real action and trigger types are known, with their documented shapes", () => {
  const xml = { content: "@triggerBody()", integrationAccount: { schema: { name: "order" } } };
  const actions: Record<string, Obj> = {
    Xslt: { type: "Xslt", inputs: { content: "@triggerBody()", integrationAccount: { map: { name: "toCanonical" } } } },
    XmlValidation: { type: "XmlValidation", inputs: xml },
    FlatFileDecoding: { type: "FlatFileDecoding", inputs: xml },
    FlatFileEncoding: { type: "FlatFileEncoding", inputs: { content: "@triggerBody()", schema: { source: "LogicApp", name: "order.xsd" } } },
    XmlParse: { type: "XmlParse", inputs: { content: "@triggerBody()", schema: { source: "LogicApp", name: "order.xsd" } } },
    Liquid: { type: "Liquid", kind: "JsonToJson", inputs: { content: "@triggerBody()", integrationAccount: { map: { name: "map" } } } },
    ServiceProvider: {
      type: "ServiceProvider",
      inputs: { parameters: {}, serviceProviderConfiguration: { connectionName: "sql", operationId: "executeQuery", serviceProviderId: "/serviceProviders/sql" } },
    },
    ChunkText: { type: "ChunkText", inputs: { chunkingStrategy: "TokenSize", text: "@triggerBody()" } },
    ParseDocument: { type: "ParseDocument", inputs: { content: "@triggerBody()" } },
    JavaScriptCode: { type: "JavaScriptCode", inputs: { code: "return 1;" } },
    CSharpScriptCode: { type: "CSharpScriptCode", inputs: { CodeFile: "run.csx" } },
    InvokeFunction: { type: "InvokeFunction", inputs: { functionName: "Score", parameters: { x: 1 } } },
    RosettaNetEncode: { type: "RosettaNetEncode", inputs: { messageToEncode: "@triggerBody()" } },
    IntegrationAccountArtifactLookup: { type: "IntegrationAccountArtifactLookup", inputs: { artifactType: "Schema", artifactName: "order" } },
    SendToBatch: { type: "SendToBatch", inputs: { batchName: "orders", content: "@triggerBody()", host: { triggerName: "Batch", workflow: { id: "/subscriptions/s/resourceGroups/g/providers/Microsoft.Logic/workflows/b" } } } },
  };

  it.each(Object.entries(actions))("%s stays quiet", (_, action) => {
    expect(validate(def({ A: { ...action, runAfter: {} } }))).toEqual([]);
  });

  it("triggers: SlidingWindow, Batch, ServiceProvider; a Recurrence with inputs: {}", () => {
    const triggers: Record<string, Obj> = {
      SlidingWindow: { type: "SlidingWindow", recurrence: { frequency: "Hour", interval: 1 } },
      Batch: { type: "Batch", inputs: { mode: "Inline", configurations: { orders: { releaseCriteria: { messageCount: 10 } } } } },
      ServiceProvider: {
        type: "ServiceProvider",
        inputs: { parameters: { queueName: "q" }, serviceProviderConfiguration: { connectionName: "serviceBus", operationId: "receiveQueueMessages", serviceProviderId: "/serviceProviders/serviceBus" } },
        splitOn: "@triggerOutputs()?['body']",
      },
      Recurrence: { type: "Recurrence", recurrence: { frequency: "Day", interval: 1 }, inputs: {} },
    };
    for (const [name, trigger] of Object.entries(triggers)) expect(validate(def({ A: compose(1) }, { triggers: { [name]: trigger } })), name).toEqual([]);
  });

  it("…while misspelled types and properties still warn, and a missing required input is still an error", () => {
    expect(codes(def({ A: { type: "Xsl", inputs: {}, runAfter: {} } }))).toEqual(["unknown-action-type"]);
    expect(codes(def({ A: compose(1) }, { triggers: { R: { type: "Recurrence", recurrence: { frequency: "Day", interval: 1 }, inputs: { every: 1 } } } }))).toEqual(["unknown-property"]);
    expect(codes(def({ A: { type: "Xslt", inputs: { integrationAccount: {} }, runAfter: {} } }))).toEqual(["schema-violation"]);
    expect(codes(def({ A: { type: "ServiceProvider", inputs: { parameters: {} }, runAfter: {} } }))).toEqual(["schema-violation"]);
  });
});

describe("9. unconfirmed limits are warnings", () => {
  it("createArray() with no argument is a warning; other arity errors stay errors", () => {
    const found = validate(def({ A: compose("@createArray()") }));
    expect(found.map((d) => [d.code, d.severity])).toEqual([["create-array-no-arguments", "warning"]]);
    expect(found[0]!.message).toMatch(/not confirmed/);
    expect(codes(def({ A: compose("@toLower()") }))).toEqual(["function-arity"]);
  });

  it("a long literal with short @{…} parts is a warning that says what is known; a long expression is an error", () => {
    const html = `${"<tr><td>row</td></tr>".repeat(600)}@{triggerBody()?['id']}`;
    const found = validate(def({ A: compose(html) }));
    expect(found.map((d) => [d.code, d.severity])).toEqual([["template-too-long", "warning"]]);
    expect(found[0]!.message).toMatch(/no source says whether the literal text around @\{…\} parts counts/);
    expect(errors(def({ A: compose(`@concat('${"a".repeat(8200)}')`) })).map((d) => d.code)).toEqual(["expression-too-long"]);
    expect(errors(def({ A: compose(`x @{concat('${"a".repeat(8200)}')}`) })).map((d) => d.code)).toEqual(["expression-too-long"]);
  });
});

describe("positions stay right with comments", () => {
  it("JsonPositions on the blanked text locates pointers as in the original", () => {
    const text = '{\n  /* one */ "a": {\n    // two\n    "b": "x"\n  }\n}';
    const { positions } = validateText(text);
    const p: JsonPositions = positions();
    expect(p.locate("/a/b")).toEqual({ line: 4, column: 10 });
    expect(p.text.length).toBe(text.length);
  });

  it("an ARM template from the corpus helpers with a comment validates like the same template without", () => {
    const t = armTemplate({ definition: def({ A: compose("@body('Nope')") }) });
    const plain = validateText(JSON.stringify(t, null, 2)).report.workflows[0]!.diagnostics;
    const commented = validateText(`// header\n${JSON.stringify(t, null, 2)}`).report.workflows[0]!.diagnostics;
    expect(commented).toEqual(plain);
  });
});

describe("an ARM variable that holds a workflow expression is no inlined secret (ASC Regulatory Compliance template)", () => {
  it("arm-secret-inlined stays quiet for [variables('v')] = '@body(…)', and still fires for a variable holding the secret", () => {
    const template = (secret: string) => ({
      ...armTemplate({
        definition: def({
          Call: { ...compose(1), type: "Http", inputs: { method: "GET", uri: "https://x.example", authentication: { type: "ActiveDirectoryOAuth", tenant: "t", audience: "a", clientId: "c", secret: "[variables('secret')]" } }, runtimeConfiguration: { secureData: { properties: ["inputs"] } } },
        }),
      }),
      variables: { secret },
    });
    expect(codes(template("@body('Get_secret')?['value']"))).toEqual([]);
    expect(codes(template("hunter2"))).toEqual(["arm-secret-inlined"]);
  });
});
