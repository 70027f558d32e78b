/** The exit code for a `ConfigError`: 2 when the environment is unknown (usage), 1 for problems in its config. */
export function configExitCode(error: Error): number {
  const code = (error as { exitCode?: unknown }).exitCode;
  return code === 2 ? 2 : 1;
}
