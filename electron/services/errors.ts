import type { ErrorCode } from '../shared/contract.js';

/** An error a caller can act on; its message is shown to the user as is. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

export const notFound = (what: string): ServiceError => new ServiceError('not_found', `${what} not found`);
export const conflict = (message: string): ServiceError => new ServiceError('conflict', message);
export const invalid = (message: string): ServiceError => new ServiceError('invalid_input', message);
