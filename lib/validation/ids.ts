// Ids as they arrive: numeric ids in a path or a form field are digits (no sign, no leading
// zero, never more digits than the column's largest value has); in JSON, a positive whole
// number. One rule, so that a route, a form button and a body agree on what can name a row.
import { z } from "zod";

/** Positive whole numbers that JavaScript holds exactly. */
export const isPositiveId = (value: number): boolean => Number.isSafeInteger(value) && value > 0;

/** The digits of an id up to `max`, as a regular expression's source (for ids inside other strings). */
export const idDigitsSource = (max: number): string => `[1-9]\\d{0,${String(max).length - 1}}`;

/** An id written in digits, from 1 to `max`, as a number. */
export function positiveIdSchema(max: number) {
  const digits = new RegExp(`^${idDigitsSource(max)}$`);
  return z
    .string()
    .regex(digits)
    .transform(Number)
    .refine((id) => id <= max);
}
