import type { Logger } from '../services/dispatch.js';

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? err.message;
  return typeof err === 'string' ? err : JSON.stringify(err);
}

/** Console logger for the CLI; `info` goes to `infoStream` so commands keep stdout for results. */
export function consoleLogger(infoStream: 'stdout' | 'stderr' = 'stdout'): Logger {
  return {
    info: (message) => (infoStream === 'stdout' ? console.log(message) : console.error(message)),
    error: (message, err) => console.error(err === undefined ? message : `${message}: ${describe(err)}`),
  };
}
