import { describe, expect, it } from "vitest";
import { readForm } from "./form-data.ts";

describe("readForm", () => {
  const fields = { text: ["name"], lists: ["roles"], secret: ["password"] } as const;

  it("reads only the form's fields, lists as arrays, and echoes all but secrets", () => {
    const form = new FormData();
    form.set("name", "Maths");
    form.append("roles", "admin");
    form.append("roles", "staff");
    form.set("password", "secret-secret");
    form.set("$ACTION_KEY", "k1");
    expect(readForm(form, fields)).toEqual({
      input: { name: "Maths", roles: ["admin", "staff"], password: "secret-secret" },
      echo: { name: "Maths", roles: ["admin", "staff"] },
    });
  });

  it("reads anything that is not a form (a tampered server action call) as an empty form", () => {
    for (const value of [undefined, null, "name=Maths", { name: "Maths", get: () => "Maths" }, [["name", "Maths"]]]) {
      expect(readForm(value, fields)).toEqual({ input: { roles: [] }, echo: { roles: [] } });
    }
  });
});
