"use client";
// One form for every passkey ceremony: Add a passkey (registration), Sign in with a passkey
// and Confirm with a passkey (authentication). Pressing the button posts intent=begin; the
// server keeps the challenge (lib/auth/passkeys/) and answers with the options; the browser
// asks the authenticator, and the same form posts its answer (intent=finish), which the
// server checks before it redirects. WebAuthn exists only in JavaScript: without it the
// button stays disabled and a note says why; every other form on the page still works.
import { useActionState, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from "@simplewebauthn/browser";
import type { FormAction } from "@/components/forms/use-action-form";
import { IDLE } from "@/lib/forms/form-state";

type Props = {
  kind: "register" | "authenticate";
  action: FormAction;
  label: string;
  /** A unique id on the page, for the message. */
  id: string;
  /** Posted along (callbackUrl, next). */
  fields?: Record<string, string>;
  className?: string;
};

const noSubscription = () => () => {};

const CANCELLED = "The passkey was not used. Try again, or use another way.";

export function PasskeyButton({ kind, action, label, id, fields = {}, className = "button" }: Props) {
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const form = useRef<HTMLFormElement>(null);
  const intent = useRef<HTMLInputElement>(null);
  const answer = useRef<HTMLInputElement>(null);
  // null on the server and without JavaScript: the button stays disabled.
  const supported = useSyncExternalStore(noSubscription, browserSupportsWebAuthn, () => null);
  const [problem, setProblem] = useState("");

  const post = (step: "begin" | "finish", value = "") => {
    intent.current!.value = step;
    answer.current!.value = value;
    form.current!.requestSubmit();
  };

  useEffect(() => {
    const options = state.result?.passkeyOptions;
    if (!options) return;
    const optionsJSON = JSON.parse(options);
    (kind === "register" ? startRegistration({ optionsJSON }) : startAuthentication({ optionsJSON })).then(
      (response) => post("finish", JSON.stringify(response)),
      // Cancelled, timed out, or no passkey for this site on this device.
      () => setProblem(CANCELLED),
    );
  }, [state, kind]);

  const message = problem || (state.status === "error" ? state.message : "");
  return (
    <form ref={form} action={dispatch} className="passkey-form" aria-describedby={`${id}-message`}>
      <input ref={intent} type="hidden" name="intent" defaultValue="begin" />
      <input ref={answer} type="hidden" name="answer" defaultValue="" />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button
        type="button"
        className={className}
        disabled={!supported || pending}
        onClick={() => {
          setProblem("");
          post("begin");
        }}
      >
        {label}
      </button>
      <noscript>
        <p className="hint">Passkeys need JavaScript, which is turned off in this browser.</p>
      </noscript>
      {supported === false ? <p className="hint">This browser does not support passkeys.</p> : null}
      <div id={`${id}-message`} role="alert" aria-live="polite" className={`form-message ${message ? "error" : "idle"}`}>
        {message}
      </div>
    </form>
  );
}
