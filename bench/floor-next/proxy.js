// Without a proxy file of its own, Turbopack takes the project's middleware.ts (two folders
// up) into this build. This one matches no request: the floor runs no middleware.
export function proxy() {}
export const config = { matcher: ["/__floor-runs-no-proxy"] };
