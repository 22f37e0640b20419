/** What a subcommand gets from the shell: the interrupt signal, and where its exit code goes. */
export interface CliContext {
  /** Aborted on Ctrl-C, kill or a closed terminal: stop, write what is done. */
  signal: AbortSignal;
  /** The command's exit code (0, 1 for an error finding, 2 for unreadable input). */
  exit(code: number): void;
  /** A service (`nianbao serve`) whose normal end is a signal: its own code stands, not 128 + the signal. */
  stoppedBySignalIsNormal(): void;
}
