import { channels, isChannel } from '../shared/contract.js';
import type { Envelope, Handlers } from '../shared/contract.js';
import { ServiceError } from './errors.js';
import { formatIssues } from './issues.js';

export type Logger = { info(message: string): void; error(message: string, err?: unknown): void };

/**
 * Validates the input against the channel's schema, runs the handler and wraps the result in
 * the envelope. Shared by the IPC and HTTP transports so both behave identically. Unexpected
 * errors are logged and reported as `internal` without leaking stack traces to the client.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  rawInput: unknown,
  logger: Logger = console,
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `unknown channel: ${channel}` } };
  }
  const parsed = channels[channel].input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid_input', message: formatIssues(parsed.error.issues) } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ServiceError) return { ok: false, error: { code: err.code, message: err.message } };
    logger.error(`handler ${channel} failed`, err);
    return { ok: false, error: { code: 'internal', message: 'internal error; see the station log' } };
  }
}
