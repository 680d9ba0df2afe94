import type { FormState } from "@/lib/forms/form-state";

/** The form's overall outcome, in a live region so that screen readers announce it. */
export function FormMessage({ state, id = "form-message" }: { state: FormState; id?: string }) {
  const text = state.status === "idle" ? "" : state.message ?? "";
  return (
    <div id={id} role={state.status === "error" ? "alert" : "status"} aria-live="polite" className={`form-message ${state.status}`}>
      {text}
      {state.status === "success" && state.result?.link ? (
        <>
          {" "}
          <code className="sent-link">{state.result.link}</code>
        </>
      ) : null}
    </div>
  );
}
