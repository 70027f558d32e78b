/**
 * `config-literal-secret` (issue 15, item 13): a plain config value that looks like a credential is warned about
 * before it lands in plain Pulumi state; the config stays valid. Before: accepted without a word.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { checkEnvironmentConfig, credentialKind, literalSecretWarnings, loadEnvironment, readEnvironmentConfig, SECRET_PLACEHOLDER } from "../../playbooks/env";
import { definePlaybook, param, request } from "../../playbooks/kit";
import { runCli, tempDir } from "../support/cli";
import { REPO } from "../support/paths";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const GITHUB = `ghp_${"a1B2c3D4e5".repeat(4)}`;

/** The committed dev stack file with extra `playbook-kit:` keys, in a folder of its own. */
function devWith(extra: Record<string, unknown>): string {
  const file = parse(fs.readFileSync(path.join(REPO, "Pulumi.dev.yaml"), "utf8"));
  Object.assign(file.config, extra);
  const dir = tempDir("pk-secret-");
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), stringify(file));
  return dir;
}

describe("config-literal-secret", () => {
  it("a tag api-token: ghp_… is warned about, saying to remove it (tags are plain by nature)", () => {
    const plan = loadEnvironment("dev", { root: devWith({ "playbook-kit:tags": { team: "soc", "api-token": GITHUB } }) });
    expect(plan.playbooks.length).toBeGreaterThan(0); // still a valid config
    expect(plan.warnings).toEqual([
      {
        path: "playbook-kit:tags.api-token",
        code: "config-literal-secret",
        message: expect.stringMatching(/^looks like a credential \(a GitHub token\): the stack writes tags into resources that every reader of them sees.*Remove it/),
      },
    ]);
  });

  it("recognises published formats anywhere and secret-named keys with token-like values", () => {
    expect(credentialKind("note", `xoxb-${"1234567890"}-abcdef`)).toBe("a Slack token");
    expect(credentialKind("id", "AKIAABCDEFGHIJKLMNOP")).toBe("an AWS access key id");
    expect(credentialKind("x", "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abcdefgh1234==;EndpointSuffix=core.windows.net")).toBe("a connection string with a key");
    expect(credentialKind("x", "https://a.blob.core.windows.net/c?sv=2022&sig=AbCdEf123456%3D")).toBe("a URL with a SAS signature");
    expect(credentialKind("x", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc")).toBe("a JSON web token");
    expect(credentialKind("apiKey", "k3y-v4lu3-long")).toBe("a value of a key named 'apiKey'");
    expect(credentialKind("client_secret", "Sup3rS3cret")).toBe("a value of a key named 'client_secret'");
    // Not credentials: URLs, addresses, sentences, short values, ordinary keys, the secret placeholder.
    expect(credentialKind("tokenEndpoint", "https://login.microsoftonline.com/x/oauth2/v2.0/token")).toBeUndefined();
    expect(credentialKind("passwordOwner", "soc@contoso.com")).toBeUndefined();
    expect(credentialKind("secretNote", "rotate every month")).toBeUndefined();
    expect(credentialKind("pwd", "short")).toBeUndefined();
    expect(credentialKind("team", "soc-blue-team-west")).toBeUndefined();
    expect(credentialKind("token", SECRET_PLACEHOLDER)).toBeUndefined();
  });

  it("a plain value under playbooks or notify says how to make it a Pulumi secret; a secret is not warned about", () => {
    const [w] = literalSecretWarnings({ playbooks: { p: { parameters: { apiKey: "k3y-v4lu3-long" } } } });
    expect(w).toMatchObject({ path: "playbook-kit:playbooks.p.parameters.apiKey", code: "config-literal-secret" });
    expect(w!.message).toContain("pulumi config set --secret --path 'playbook-kit:playbooks.p.parameters.apiKey' <value>");
    expect(literalSecretWarnings({ playbooks: { p: { parameters: { apiKey: SECRET_PLACEHOLDER } } } })).toEqual([]);
    const root = devWith({ "playbook-kit:tags": { token: { secure: "v1:AAAABBBBCCCC" } } });
    expect((readEnvironmentConfig("dev", { root }) as { tags: unknown }).tags).toEqual({ token: SECRET_PLACEHOLDER });
  });

  it("a SecureString parameter set as plain config is warned about; set with --secret it is not", () => {
    const playbook = () =>
      definePlaybook({ name: "with-token", description: "x", parameters: { token: param.secureString() }, trigger: request<{ id: string }>(), build: ({ flow, params }) => void flow.compose("Use", params.token) });
    const available = [{ name: "with-token", description: "x", hasModes: false, create: playbook }];
    const raw = (token: string) => ({
      ...(readEnvironmentConfig("dev", { root: REPO }) as object),
      playbooks: { "with-token": { enabled: true, state: "Enabled", parameters: { token } } },
    });
    expect(checkEnvironmentConfig(raw("plain-value"), undefined, available).warnings).toEqual([
      {
        path: "playbook-kit:playbooks.with-token.parameters.token",
        code: "config-literal-secret",
        message: expect.stringMatching(/^is declared SecureString by with-token, but its value is plain config/),
      },
    ]);
    expect(checkEnvironmentConfig(raw(SECRET_PLACEHOLDER), undefined, available).warnings).toEqual([]);
  });

  it("the shipped dev and prod stacks have no warnings", () => {
    for (const env of ["dev", "prod"]) expect(loadEnvironment(env, { root: REPO }).warnings).toBeUndefined();
  });

  it("build --env prints the warning on stderr and still builds (exit 0)", () => {
    const cwd = devWith({ "playbook-kit:tags": { "api-token": GITHUB } });
    const r = runCli(["build", "--env", "dev", "--out", path.join(cwd, "out")], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Pulumi\.dev\.yaml: warning: playbook-kit:tags\.api-token: looks like a credential \(a GitHub token\).*\[config-literal-secret\]$/m);
    expect(r.stderr).not.toContain(GITHUB);
  });
});
