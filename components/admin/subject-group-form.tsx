"use client";
import Link from "next/link";
import { FormMessage } from "@/components/forms/form-message";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { SUBJECT_GROUP_NAME_MAX, subjectGroupSchema, type SubjectGroupInput } from "@/lib/validation/subject-groups";
import "./admin.css";

/** New and Edit subject group: one field, Name; a taken name comes back on that field. */
export function SubjectGroupForm({ action, name, cancelHref }: { action: FormAction; name: string; cancelHref: string }) {
  const { state, pending, textFieldProps, formProps } = useActionForm<SubjectGroupInput>(subjectGroupSchema, action, { name });
  return (
    <form {...formProps} className="stack admin-form">
      <FormMessage state={state} />
      <TextField
        label="Name"
        autoComplete="off"
        required
        maxLength={SUBJECT_GROUP_NAME_MAX}
        hint={`Up to ${SUBJECT_GROUP_NAME_MAX} characters; each name only once, whatever its case.`}
        {...textFieldProps("name")}
      />
      <div className="actions">
        <SubmitButton pending={pending}>Save</SubmitButton>
        <Link href={cancelHref}>Cancel</Link>
      </div>
    </form>
  );
}
