/** The form of a bundled scenario: trigger, mocks (the simulator's mock-file form), parameters and expectations. */
import type { PlaybookMode } from "../../kit";
import type { CatalogBuildOptions } from "../index";

/** A mock in the simulator's JSON file form. */
export type ScenarioMock =
  | { connector: string; method: string; path: string; response: { status: number; body?: unknown } }
  | { connector: string; method: string; path: string; responses: { status: number; body?: unknown }[] }
  | { http: { method: string; uri: string }; response: { status: number; body?: unknown } };

/** A call pattern: managed API (or `http`), method, path or URI pattern with `{name}` and `*`. */
export type CallPattern = readonly [connector: string, method: string, pathOrUri: string];

/** One scenario. */
export interface Scenario {
  playbook: string;
  /** Short id, e.g. `high`. */
  name: string;
  /** What it shows. */
  title: string;
  /** Build options for running it on its own (tests). */
  options: CatalogBuildOptions;
  /** The modes whose builds it holds for (default: `options.mode`, else `enforce`); the report runs those only. */
  modes?: readonly PlaybookMode[];
  /** Trigger outputs (`--trigger` file content). */
  trigger: { headers?: Record<string, string>; body: unknown };
  mocks: ScenarioMock[];
  /** Parameter values on top of the environment's. */
  params?: Record<string, unknown>;
  expect: {
    /** The run's status, when the scenario states it. */
    status?: "Succeeded" | "Failed";
    /** Actions that must have Succeeded. */
    succeeded?: string[];
    /** Actions that must not have run (Skipped or absent). */
    notRun?: string[];
    /** Calls that must have been made. */
    calls?: CallPattern[];
    /** Calls that must not have been made. */
    noCalls?: CallPattern[];
    /** Texts that must appear in the request body of a call matching the pattern (an incident comment, say). */
    bodies?: { call: CallPattern; texts: string[] }[];
    /** Texts that must appear in the subject of an email the run sent. */
    emailSubjects?: string[];
  };
}
