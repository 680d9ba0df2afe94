// What a server action answers a form with. Shared by the server (which fills it) and the
// browser (which shows it); no server-only imports here.
export type FormState = {
  status: "idle" | "error" | "success";
  /** A message for the whole form, announced to screen readers. */
  message?: string;
  /** Messages per field, shown next to the field. */
  errors?: Record<string, string[]>;
  /** What the person typed, so that nothing is lost (never passwords). */
  values?: Record<string, string | string[]>;
  /** A result to show once, such as a new API token's secret. */
  result?: Record<string, string>;
};

export const IDLE: FormState = { status: "idle" };

export const CHECK_FIELDS = "Please correct the fields marked below.";
