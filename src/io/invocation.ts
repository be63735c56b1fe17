/** What the command line said: the program's version, the command, its arguments and options. */
export interface Invocation {
  version: string;
  command: string;
  arguments: string[];
  options: Record<string, unknown>;
}

/** The run's command line, kept before the command runs (cli.ts's hook) for its provenance record. */
let recorded: Invocation | undefined;

export function rememberInvocation(invocation: Invocation): void {
  recorded = invocation;
}

export function recordedInvocation(): Invocation {
  if (!recorded) throw new Error('provenance asked for before the command line was recorded');
  return recorded;
}
