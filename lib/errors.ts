// Errors the domain layer throws on purpose. Server actions turn them into form messages,
// route handlers into the API's JSON errors (lib/api/api-error.ts); anything else is a bug.
export class DomainError extends Error {
  readonly fields?: Record<string, string[]>;
  constructor(message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = new.target.name;
    this.fields = fields;
  }
}

/** The record does not exist, or the caller may not know that it does (another person's todo). */
export class NotFoundError extends DomainError {}

/** Not allowed for this caller (a non-admin asking for admin data). */
export class ForbiddenError extends DomainError {}

/** Clashes with existing data: a taken email or name. `fields` says which field. */
export class ConflictError extends DomainError {}

/** Input that parses but breaks a rule, such as removing the last administrator. */
export class RuleViolationError extends DomainError {}

/** Input that does not parse; `fields` holds the messages per field. */
export class ValidationError extends DomainError {}

/** Too many attempts from here for now (a throttle, lib/auth/throttle.ts): the API's 429 with Retry-After. */
export class TooManyRequestsError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
