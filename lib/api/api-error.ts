// The API's one error format: {error: {code, message, fields?}} with a fitting status
// (PRODUCT.md, "JSON API"). Domain errors map to statuses here, and only here.
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  ValidationError,
} from "../errors.ts";
import { isDatabaseUnavailable } from "../db/errors.ts";

export { isDatabaseUnavailable };

export const WWW_AUTHENTICATE = 'Bearer, Basic realm="Staffroom"';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields?: Record<string, string[]>;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, fields?: Record<string, string[]>, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }
}

export const unauthorized = (message = "Authentication required: send a token, HTTP Basic credentials or a session cookie.") =>
  new ApiError(401, "unauthorized", message, undefined, { "WWW-Authenticate": WWW_AUTHENTICATE });

/** PRODUCT.md: for people with two-factor, a token needs their code, and HTTP Basic is refused. */
export const twoFactorRequired = (message: string) => new ApiError(401, "two_factor_required", message, undefined, { "WWW-Authenticate": WWW_AUTHENTICATE });

export const invalidCode = () => new ApiError(401, "invalid_code", "Invalid code.", undefined, { "WWW-Authenticate": WWW_AUTHENTICATE });

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new ApiError(429, "too_many_attempts", `Too many failed attempts. Try again in ${retryAfterSeconds} seconds.`, undefined, {
    "Retry-After": String(retryAfterSeconds),
  });

export function validationFailed(fields: Record<string, string[]>): ApiError {
  return new ApiError(422, "validation_failed", "The request has invalid fields.", fields);
}

function fromDomainError(error: DomainError): ApiError {
  if (error instanceof NotFoundError) return new ApiError(404, "not_found", error.message);
  if (error instanceof ForbiddenError) return new ApiError(403, "forbidden", error.message);
  if (error instanceof ConflictError) return new ApiError(409, "conflict", error.message, error.fields);
  if (error instanceof ValidationError) return new ApiError(422, "validation_failed", error.message, error.fields);
  if (error instanceof TooManyRequestsError) {
    return new ApiError(429, "too_many_attempts", error.message, undefined, { "Retry-After": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) });
  }
  if (error instanceof RuleViolationError) return new ApiError(422, "rule_violation", error.message, error.fields);
  return new ApiError(400, "bad_request", error.message, error.fields);
}

export function errorResponse(error: unknown): Response {
  let apiError: ApiError;
  if (error instanceof ApiError) apiError = error;
  else if (error instanceof DomainError) apiError = fromDomainError(error);
  else if (isDatabaseUnavailable(error)) {
    apiError = new ApiError(503, "unavailable", "The service is briefly unavailable. Try again shortly.", undefined, { "Retry-After": "5" });
  } else {
    // A bug: logged with its stack here, never shown to the client.
    console.error("[api] unexpected error", error);
    apiError = new ApiError(500, "internal_error", "Something went wrong on our side. It has been logged.");
  }
  const body = { error: { code: apiError.code, message: apiError.message, ...(apiError.fields ? { fields: apiError.fields } : {}) } };
  return Response.json(body, { status: apiError.status, headers: { "Cache-Control": "no-store", ...apiError.headers } });
}
