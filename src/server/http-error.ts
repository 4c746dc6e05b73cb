/** Errors the API answers with: a status and a message the caller can act on, sent as JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500 | 502 | 503,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string, details?: unknown) => new HttpError(400, message, details);
export const notFound = (message: string) => new HttpError(404, message);

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { status: number; message: string; details?: unknown; requestId?: string };
}
