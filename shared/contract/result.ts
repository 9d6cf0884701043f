import { z } from 'zod';

/** Error codes that cross the boundary. Add codes here, never free-form strings. */
export const ERROR_CODES = [
  'BAD_REQUEST', // arguments failed validation
  'UNKNOWN_METHOD',
  'NO_WORKSPACE', // a method needs an open workspace
  'NOT_FOUND',
  'CONFLICT',
  'BUSY', // the workspace is being written by another job
  'BAD_INPUT', // user data (a file, a rule) is not acceptable; details say where
  'CANCELLED',
  'IO',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const AppErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AppErrorData = z.infer<typeof AppErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Thrown inside the engine; converted into `{ok:false, error}` at the dispatcher, never thrown across. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toData(): AppErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

/** Thrown on the client side when a call returns `{ok:false}`, so UI code can `try/catch` and show the message. */
export class RemoteError extends Error {
  constructor(readonly error: AppErrorData) {
    super(error.message);
    this.name = 'RemoteError';
  }
  get code(): ErrorCode {
    return this.error.code;
  }
}

/** Any thrown value as the error data that crosses the boundary: an AppError as itself, anything else as INTERNAL. */
export function toErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}
