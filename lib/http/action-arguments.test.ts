import { describe, expect, it } from "vitest";
import { formPostProblem, MAX_ARGUMENT_DEPTH, scriptCallProblem } from "./action-arguments.ts";

const none = () => null;

describe("scriptCallProblem", () => {
  it("lets through what Staffroom's pages send: plain JSON, a form, inline special values", () => {
    for (const body of ['[{"status":"idle"},"$K1"]', '["ck1234567890abcdefghij",{"status":"idle"},"$K1"]', '["$undefined","$D2026-12-01T00:00:00.000Z","$n12","$$dollar",1,null,true]', "[]"]) {
      expect(scriptCallProblem(body, none), body).toBeNull();
    }
  });

  it("refuses a reference to a Map, a Set, a Blob, an iterator or another server action, and a chunk that is not there", () => {
    for (const body of ['["$Q2"]', '["$F1"]', '["$W1"]', '["$B1"]', '["$i1"]', '["$1"]', '["$T1"]', '[{"a":["$R3"]}]', '["$@1"]']) {
      expect(scriptCallProblem(body, none), body).not.toBeNull();
    }
  });

  it("follows a promise to a part that is there, and checks that part too", () => {
    const parts: Record<number, string> = { 1: '["fine"]', 2: '["$Q3"]' };
    expect(scriptCallProblem('["$@1"]', (id) => parts[id] ?? null)).toBeNull();
    expect(scriptCallProblem('["$@2"]', (id) => parts[id] ?? null)).not.toBeNull();
    // Hex in the reference, decimal in the part's name, as React writes them.
    expect(scriptCallProblem('["$@a"]', (id) => (id === 10 ? "[]" : null))).toBeNull();
  });

  it("refuses arguments nested deeper than the limit, without overflowing the stack", () => {
    const deep = (levels: number) => "[".repeat(levels) + "]".repeat(levels);
    expect(scriptCallProblem(deep(MAX_ARGUMENT_DEPTH), none)).toBeNull();
    expect(scriptCallProblem(deep(5000), none)).toMatch(/deeper/);
    expect(scriptCallProblem(`[${'{"a":'.repeat(5000)}1${"}".repeat(5000)}]`, none)).toMatch(/deeper/);
  });

  it("refuses what is not a JSON array", () => {
    for (const body of ["garbage{", '"a string"', '{"a":1}', ""]) expect(scriptCallProblem(body, none), body).not.toBeNull();
  });
});

describe("formPostProblem", () => {
  const form = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    return data;
  };

  it("lets through a no-JavaScript form's bound arguments as Next.js writes them", () => {
    expect(formPostProblem(form({ $ACTION_REF_1: "", "$ACTION_1:0": '{"id":"60a8","bound":"$@1"}', "$ACTION_1:1": '["ck1234567890abcdefghij",{"status":"idle"}]', email: "a@b.c" }))).toBeNull();
    expect(formPostProblem(form({ email: "a@b.c" }))).toBeNull();
  });

  it("refuses tampered bound arguments", () => {
    expect(formPostProblem(form({ "$ACTION_1:0": '{"id":"60a8","bound":"$@1"}', "$ACTION_1:1": '["$Q2"]' }))).not.toBeNull();
    expect(formPostProblem(form({ "$ACTION_1:0": '{"id":"60a8","bound":"$@2"}' }))).not.toBeNull();
    expect(formPostProblem(form({ "$ACTION_1:0": "garbage{" }))).not.toBeNull();
  });
});
