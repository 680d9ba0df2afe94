import { describe, expect, it } from "vitest";
import { routerStateProblem } from "./router-state.ts";

const withTree = (tree: string) => tree;

describe("routerStateProblem", () => {
  it("accepts no header and a tree as Next.js' router sends it", () => {
    expect(routerStateProblem(undefined)).toBeNull();
    expect(routerStateProblem(withTree(encodeURIComponent('["",{"children":["__PAGE__",{}]},null,null]')))).toBeNull();
  });

  it("refuses the header sent twice", () => {
    expect(routerStateProblem(["[]", "[]"])).not.toBeNull();
  });

  it("names the problem of a malformed, wrongly shaped or oversized tree", () => {
    for (const tree of ["garbage", "%5B", "%ZZ", "{}", '[1,{}]', "x".repeat(50_000)]) expect(routerStateProblem(withTree(tree)), tree.slice(0, 10)).not.toBeNull();
  });
});
