import { describe, expect, it } from "vitest";
import { actionIdProblem } from "./server-action-ids";

const known = new Set(["7f34f4ba01d00dfc14bbabc9a998c4b534e52a6d05"]);

describe("actionIdProblem", () => {
  it("lets requests without the header and calls of this build's actions through", () => {
    expect(actionIdProblem(undefined, known)).toBeNull();
    expect(actionIdProblem("7f34f4ba01d00dfc14bbabc9a998c4b534e52a6d05", known)).toBeNull();
  });

  it("answers an id from another build 409, as Next.js does, so that its client reloads the page", () => {
    expect(actionIdProblem("00".repeat(21), known)).toMatchObject({ status: 409, body: "Server Action unavailable." });
  });

  it("answers something that is no id at all 400", () => {
    for (const header of ["garbage", "", "x".repeat(5000), ["7f34f4ba01d00dfc14bbabc9a998c4b534e52a6d05", "00"]]) {
      expect(actionIdProblem(header, known)?.status).toBe(400);
    }
  });
});
