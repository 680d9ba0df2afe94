// A page request from Next.js' client router (RSC: 1) carries the tree of segments it has
// in Next-Router-State-Tree. Next.js parses and checks it, but answers a malformed one with a
// 500; server.ts asks the same check first (Next.js' own, so that the rules cannot drift)
// and answers 400. (Middleware never sees the header: Next.js keeps it from it.)
import { parseAndValidateFlightRouterState } from "next/dist/server/app-render/parse-and-validate-flight-router-state.js";

export const ROUTER_STATE_HEADER = "next-router-state-tree";

/** Why the header cannot be used, or null (also when there is none). */
export function routerStateProblem(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  try {
    parseAndValidateFlightRouterState(value);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "the router state header could not be parsed";
  }
}
