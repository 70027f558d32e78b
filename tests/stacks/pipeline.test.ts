/**
 * The GitOps pipeline (.github/workflows/playbooks.yml) and the Pulumi project files: the jobs and steps the
 * issue asks for exist, are wired to the real CLI and stacks, and use OIDC instead of stored secrets.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createProgram } from "../../cli/main";
import { REPO } from "../support/paths";

type Obj = Record<string, any>;

const text = fs.readFileSync(path.join(REPO, ".github/workflows/playbooks.yml"), "utf8");
const workflow = parse(text) as Obj;
const jobs = workflow.jobs as Record<string, Obj>;
const stacks = fs
  .readdirSync(REPO)
  .map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1])
  .filter((s): s is string => !!s)
  .sort();

const steps = (job: string): Obj[] => jobs[job]!.steps as Obj[];
const uses = (job: string, action: string): Obj[] => steps(job).filter((s) => typeof s.uses === "string" && s.uses.split("@")[0] === action);
const runs = (job: string): string => steps(job).map((s) => s.run ?? "").join("\n");

describe("the pipeline", () => {
  it("runs on pull requests and on pushes to main", () => {
    expect(workflow.on.pull_request.branches).toEqual(["main"]);
    expect(workflow.on.push.branches).toEqual(["main"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
  });

  it("tests: npm ci, npm test, validate --format sarif uploaded to code scanning", () => {
    const commands = runs("test");
    expect(commands).toMatch(/^npm ci\b/m);
    expect(commands).toMatch(/^npm test$/m);
    expect(commands).toMatch(/node lib\/cli\/main\.js validate .* --format sarif > playbook-kit\.sarif/);
    const [upload] = uses("test", "github/codeql-action/upload-sarif");
    expect(upload!.with.sarif_file).toBe("main/playbook-kit.sarif");
    expect(jobs.test!.permissions["security-events"]).toBe("write");
    // The order matters: test before validate before upload.
    const names = steps("test").map((s) => s.name ?? s.uses);
    expect(names.indexOf("npm test")).toBeLessThan(names.indexOf("playbook-kit validate --format sarif"));
    expect(names.indexOf("playbook-kit validate --format sarif")).toBeLessThan(names.indexOf("Upload SARIF to code scanning"));
  });

  it("runs verify in the test job: a violation (exit 1) fails the check", () => {
    const step = steps("test").find((s) => s.name === "playbook-kit verify")!;
    expect(step.run).toBe("node lib/cli/main.js verify --catalog");
    expect(step["continue-on-error"]).toBeUndefined();
    const names = steps("test").map((s) => s.name ?? s.uses);
    expect(names.indexOf("npm test")).toBeLessThan(names.indexOf("playbook-kit verify"));
    const verify = createProgram().commands.find((c) => c.name() === "verify")!;
    expect(verify.options.find((o) => o.long === "--format")!.argChoices).toEqual(["text", "json", "markdown"]);
  });

  it("puts verify's Markdown report on the catalog into the pull request comment", () => {
    const names = steps("review").map((s) => s.name ?? s.uses);
    expect(names.indexOf("playbook-kit verify (for the comment)")).toBeGreaterThan(names.indexOf("playbook-kit diff --format markdown"));
    expect(names.indexOf("playbook-kit verify (for the comment)")).toBeLessThan(names.indexOf("Post or update the pull request comment"));
    // Run the step's script in a project naming one catalog entry beside a file that breaks its own property:
    // --catalog leaves the file out (the generated project's workflow verifies everything: tests/project/init).
    const script = steps("review").find((s) => s.name === "playbook-kit verify (for the comment)")!.run as string;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-verify-comment-"));
    fs.writeFileSync(path.join(dir, "playbook-kit.json"), JSON.stringify({ playbooks: ["playbooks"], catalog: ["scheduled-advanced-hunting"] }));
    fs.mkdirSync(path.join(dir, "playbooks"));
    fs.copyFileSync(path.join(REPO, "tests/fixtures/verify/full-isolation-property.ts"), path.join(dir, "playbooks/full-isolation-property.ts"));
    fs.symlinkSync(path.join(REPO, "lib"), path.join(dir, "lib"));
    fs.writeFileSync(path.join(dir, "playbook-comment.md"), "## Playbook changes\n");
    const r = spawnSync("bash", ["-e", "-c", script], { cwd: dir, encoding: "utf8" });
    expect(r.status).toBe(0);
    const comment = fs.readFileSync(path.join(dir, "playbook-comment.md"), "utf8");
    expect(comment).toMatch(/^## Playbook changes\n\n### playbook-kit verify: passed\n/);
    expect(comment).toMatch(/\| scheduled-advanced-hunting \| \d+ \| \d+ \| 5\/5 \| 2\/2 \| exhaustive \| clean \|/);
    expect(comment).not.toContain("full-isolation-property");
  });

  it("the CLI commands it runs exist with those flags", () => {
    const program = createProgram();
    const command = (name: string) => program.commands.find((c) => c.name() === name)!;
    const format = command("validate").options.find((o) => o.long === "--format")!;
    expect(format.argChoices).toContain("sarif");
    expect(command("build").options.map((o) => o.long)).toEqual(expect.arrayContaining(["--env", "--out"]));
    for (const env of stacks) expect(runs("test")).toContain(`build --env ${env} --out dist/${env}`);
  });

  it("previews every stack on pull requests and comments the diff", () => {
    const preview = jobs.preview!;
    expect(preview.if).toBe("github.event_name == 'pull_request'");
    expect(preview.needs).toBe("test");
    expect([...preview.strategy.matrix.stack].sort()).toEqual(stacks);
    const [pulumi] = uses("preview", "pulumi/actions");
    expect(pulumi!.with).toMatchObject({ command: "preview", "comment-on-pr": true, "github-token": "${{ secrets.GITHUB_TOKEN }}" });
    expect(pulumi!.with["stack-name"]).toContain("${{ matrix.stack }}");
    expect(preview.permissions).toMatchObject({ "id-token": "write", "pull-requests": "write" });
  });

  it("comments the playbook diff on pull requests: base built from origin/<base branch>, markdown, validate beside it", () => {
    const review = jobs.review!;
    expect(review.if).toBe("github.event_name == 'pull_request'");
    expect(review.needs).toBe("test");
    expect(review.permissions).toEqual({ contents: "read", "pull-requests": "write" });
    expect(review.env.BASE_REF).toBe("${{ github.base_ref }}");
    const [checkout] = uses("review", "actions/checkout");
    expect(checkout!.with).toMatchObject({ path: "main", "fetch-depth": 0 });
    const commands = runs("review");
    expect(commands).toMatch(/^npm ci\b.*&& npm run build$/m);
    expect(commands).toContain('node lib/cli/main.js diff "origin/$BASE_REF" --format markdown > playbook-comment.md');
    // Exit 1 (changes) is a diff to post, not a failure; 2 (an error) fails the job.
    expect(commands).toContain('if [ "$code" -gt 1 ]; then exit "$code"; fi');
    expect(commands).toMatch(/validate dist\/review --format text/);
    const names = steps("review").map((s) => s.name ?? s.uses);
    expect(names.indexOf("playbook-kit diff --format markdown")).toBeLessThan(names.indexOf("Post or update the pull request comment"));
    const diff = createProgram().commands.find((c) => c.name() === "diff")!;
    expect(diff.options.find((o) => o.long === "--format")!.argChoices).toEqual(["text", "markdown", "json"]);
  });

  it("posts one comment per pull request and updates it in place on the next push", async () => {
    const [script] = uses("review", "actions/github-script");
    const comments: { id: number; body: string; user: { type: string } }[] = [{ id: 1, body: "LGTM", user: { type: "User" } }];
    const calls: string[] = [];
    const github = {
      paginate: async (fn: (args: object) => Promise<unknown>, args: object) => fn(args),
      rest: {
        issues: {
          listComments: async () => structuredClone(comments),
          createComment: async (a: { body: string }) => {
            calls.push("create");
            comments.push({ id: comments.length + 1, body: a.body, user: { type: "Bot" } });
          },
          updateComment: async (a: { comment_id: number; body: string }) => {
            calls.push(`update ${a.comment_id}`);
            comments.find((c) => c.id === a.comment_id)!.body = a.body;
          },
        },
      },
    };
    const context = { repo: { owner: "contoso", repo: "playbooks" }, issue: { number: 7 } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pk-comment-"));
    fs.mkdirSync(path.join(dir, "main"));
    const cwd = process.cwd();
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
    const post = new AsyncFunction("github", "context", "require", script!.with.script);
    try {
      process.chdir(dir);
      fs.writeFileSync("main/playbook-comment.md", "## Playbook changes: first push\n");
      await post(github, context, require);
      fs.writeFileSync("main/playbook-comment.md", "## Playbook changes: second push\n");
      await post(github, context, require);
      fs.writeFileSync("main/playbook-comment.md", "x".repeat(70_000));
      await post(github, context, require);
    } finally {
      process.chdir(cwd);
    }
    expect(calls).toEqual(["create", "update 2", "update 2"]);
    expect(comments).toHaveLength(2);
    expect(comments[1]!.body.length).toBeLessThanOrEqual(65_536);
    expect(comments[1]!.body).toMatch(/^<!-- playbook-kit:review -->\n/);
    expect(comments[1]!.body).toContain("(cut: run playbook-kit diff locally for the whole report)");
  });

  it("deploys dev on merge to main, then prod behind the prod environment's approval", () => {
    for (const [job, stack] of [["deploy-dev", "dev"], ["deploy-prod", "prod"]] as const) {
      const j = jobs[job]!;
      expect(j.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
      expect(j.environment).toBe(stack);
      const [pulumi] = uses(job, "pulumi/actions");
      expect(pulumi!.with.command).toBe("up");
      expect(pulumi!.with["stack-name"]).toMatch(new RegExp(`/playbook-kit/${stack}$`));
      expect(j.permissions["id-token"]).toBe("write");
    }
    expect(jobs["deploy-dev"]!.needs).toBe("test");
    expect(jobs["deploy-prod"]!.needs).toBe("deploy-dev");
    expect(stacks).toEqual(["dev", "prod"]);
  });

  it("logs in to Azure and Pulumi Cloud with OIDC federated credentials; no secret but GITHUB_TOKEN", () => {
    for (const job of ["preview", "deploy-dev", "deploy-prod"]) {
      const [login] = uses(job, "azure/login");
      expect(Object.keys(login!.with).sort()).toEqual(["client-id", "subscription-id", "tenant-id"]);
      for (const v of Object.values(login!.with)) expect(v).toMatch(/^\$\{\{ vars\.[A-Z_]+ \}\}$/);
      expect(uses(job, "pulumi/auth-actions")).toHaveLength(1);
      expect(jobs[job]!.env.ARM_USE_OIDC).toBe("true");
      const names = steps(job).map((s) => s.uses?.split("@")[0] ?? s.name);
      expect(names.indexOf("azure/login")).toBeLessThan(names.indexOf("pulumi/actions"));
    }
    expect([...new Set(text.match(/secrets\.[A-Za-z_]+/g))]).toEqual(["secrets.GITHUB_TOKEN"]);
    expect(text).not.toMatch(/client-secret|creds:|PULUMI_ACCESS_TOKEN|ARM_CLIENT_SECRET/);
  });
});

describe("the Pulumi project", () => {
  it("Pulumi.yaml names the project, the nodejs runtime and the compiled program, with typed config", () => {
    const project = parse(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")) as Obj;
    expect(project.name).toBe("playbook-kit");
    expect(project.runtime.name).toBe("nodejs");
    expect(project.main).toBe("lib/stacks/index.js");
    expect(project.config.location.type).toBe("string");
    expect(project.config.grantPermissions.type).toBe("boolean");
    const build = JSON.parse(fs.readFileSync(path.join(REPO, "tsconfig.build.json"), "utf8")) as Obj;
    const base = JSON.parse(fs.readFileSync(path.join(REPO, "tsconfig.json"), "utf8")) as Obj;
    expect(build.include).toContain("stacks");
    expect(base.compilerOptions).toMatchObject({ rootDir: ".", outDir: "lib" });
    expect(fs.existsSync(path.join(REPO, "stacks/index.ts"))).toBe(true);
  });

  it("every stack file sets every key Pulumi.yaml declares, with the declared type", () => {
    const project = parse(fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8")) as Obj;
    for (const env of stacks) {
      const config = (parse(fs.readFileSync(path.join(REPO, `Pulumi.${env}.yaml`), "utf8")) as Obj).config as Obj;
      for (const [key, decl] of Object.entries(project.config as Obj)) {
        const value = config[`playbook-kit:${key}`];
        expect(typeof value, `${env}: ${key}`).toBe(decl.type);
      }
      expect(JSON.stringify(config)).not.toMatch(/secure/);
    }
  });
});

describe("the README's Deploy section", () => {
  const readme = fs.readFileSync(path.join(REPO, "docs", "deploy.md"), "utf8");
  const deploy = readme.slice(readme.indexOf("<!-- BEGIN deploy -->"), readme.indexOf("<!-- END deploy -->"));
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as Obj;

  it("builds the program Pulumi.yaml names before the first pulumi command of the first deploy", () => {
    const start = deploy.indexOf("## 2. First deploy from a workstation");
    expect(start).toBeGreaterThan(0);
    // The first fenced block of the section that runs pulumi (a stack-mock block may come before it).
    const blocks = [...deploy.slice(start).matchAll(/```(?:sh|text)\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const block = blocks.find((b) => /^pulumi (preview|up)\b/m.test(b)) ?? "";
    const commands = block.split("\n").map((l) => l.replace(/#.*$/, "").trim()).filter(Boolean);
    const firstPulumi = commands.findIndex((c) => /^pulumi (preview|up)\b/.test(c));
    expect(firstPulumi).toBeGreaterThan(0);
    // npm ci builds nothing unless a lifecycle script does; the program is lib/stacks/index.js.
    const installBuilds = ["prepare", "postinstall", "install"].some((k) => /\b(tsc|npm run build)\b/.test(String(pkg.scripts?.[k] ?? "")));
    const built = installBuilds ? commands.slice(0, firstPulumi).some((c) => c.startsWith("npm ci")) : commands.slice(0, firstPulumi).some((c) => /\bnpm run build\b|\btsc\b/.test(c));
    expect(built, commands.join("\n")).toBe(true);
    const project = fs.readFileSync(path.join(REPO, "Pulumi.yaml"), "utf8");
    if (!installBuilds) expect(project).not.toMatch(/npm ci`?,? which builds/);
  });
});
