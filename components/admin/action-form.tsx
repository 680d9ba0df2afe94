"use client";
import { useActionState, type ReactNode } from "react";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import type { FormAction } from "@/components/forms/use-action-form";
import { IDLE } from "@/lib/forms/form-state";
import "./admin.css";

type Props = {
  action: FormAction;
  /** The button's text: what it does ("Delete", "Unlock login"). */
  submitLabel: string;
  tone?: "danger" | "plain";
  /** A unique id for the form's message (several such forms may share a page). */
  id: string;
  children?: ReactNode;
  /** Shown beside the button, such as a Cancel link. */
  secondary?: ReactNode;
};

/**
 * A POST form with one button and no fields: confirmations and one-click actions. It works
 * without JavaScript; a refusal (the last administrator, a group with staff) shows above
 * the button, and success redirects with a notice.
 */
export function ActionForm({ action, submitLabel, tone = "plain", id, children, secondary }: Props) {
  const [state, dispatch, pending] = useActionState(action, IDLE);
  return (
    <form action={dispatch} className="action-form" aria-describedby={`${id}-message`}>
      <FormMessage state={state} id={`${id}-message`} />
      {children}
      <div className="actions">
        <SubmitButton pending={pending} className={tone === "danger" ? "button danger" : "button"}>
          {submitLabel}
        </SubmitButton>
        {secondary}
      </div>
    </form>
  );
}
