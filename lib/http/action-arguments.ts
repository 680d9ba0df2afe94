// What a server action's arguments may contain before React decodes them (decodeReply /
// decodeAction). React's reply format marks special values with strings beginning with "$":
// some are values written inline ("$undefined", "$D2026-…", "$n12", "$$" for a "$"), the
// rest point at other parts of the body: "$K1" a form's fields, "$@1" a promise of part 1,
// "$Q2" a Map in part 2, "$F1" another server action, "$B" a Blob and so on. A pointer at
// a part that is not there, or of the wrong kind, makes Next.js answer 500 ("Connection
// closed", "Referenced Blob is not a Blob"); 5,000 nested arrays overflow its stack. Staffroom's
// actions take plain JSON, forms, and (in a no-JavaScript form's bound arguments) "$@": those
// are let through, everything else is refused before React sees it.

export const MAX_ARGUMENT_DEPTH = 64;

const INLINE_VALUE = /^\$(?:\$[\s\S]*|undefined|NaN|Infinity|-Infinity|-0|D[\s\S]*|n-?\d{1,400}|K[0-9a-f]{1,8})$/;
const PROMISE_OF_PART = /^\$@([0-9a-f]{1,8})$/;

/** A part of the body by its number (React writes them in hex, names the fields in decimal), or null. */
export type PartLookup = (id: number) => string | null;

/** Why these arguments cannot be decoded safely, or null when they can. */
export function actionArgumentsProblem(root: string, part: PartLookup): string | null {
  const seenParts = new Set<number>();
  const stack: { value: unknown; depth: number }[] = [];
  const parse = (text: string, depth: number): string | null => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return "the arguments are not JSON";
    }
    stack.push({ value, depth });
    return null;
  };
  const rootProblem = parse(root, 0);
  if (rootProblem) return rootProblem;

  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_ARGUMENT_DEPTH) return `the arguments nest deeper than ${MAX_ARGUMENT_DEPTH} levels`;
    if (typeof value === "string") {
      if (!value.startsWith("$") || INLINE_VALUE.test(value)) continue;
      const promised = PROMISE_OF_PART.exec(value);
      if (!promised) return `the arguments hold a reference Staffroom's actions never take (${value.slice(0, 12)})`;
      const id = parseInt(promised[1]!, 16);
      if (seenParts.has(id)) continue;
      seenParts.add(id);
      const text = part(id);
      if (text === null) return "the arguments point at a part the request does not have";
      const problem = parse(text, depth + 1);
      if (problem) return problem;
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
    } else if (value !== null && typeof value === "object") {
      for (const item of Object.values(value)) stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}

/** A script's call: the root must be the array of arguments. */
export function scriptCallProblem(root: string, part: PartLookup): string | null {
  try {
    if (!Array.isArray(JSON.parse(root))) return "the arguments are not a JSON array";
  } catch {
    return "the arguments are not JSON";
  }
  return actionArgumentsProblem(root, part);
}

/** A form posted without JavaScript: its bound arguments are in the fields `$ACTION_<n>:<part>`. */
export function formPostProblem(form: FormData): string | null {
  for (const name of form.keys()) {
    const root = /^\$ACTION_(\d{1,6}):0$/.exec(name);
    if (!root) continue;
    const text = form.get(name);
    if (typeof text !== "string") return "the form's action fields are not text";
    const problem = actionArgumentsProblem(text, (id) => {
      const value = form.get(`$ACTION_${root[1]}:${id}`);
      return typeof value === "string" ? value : null;
    });
    if (problem) return problem;
  }
  return null;
}
