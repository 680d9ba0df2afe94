"use client";
import Link from "next/link";
import { useMemo } from "react";
import { CheckboxField } from "@/components/forms/checkbox-field";
import { CheckboxGroup } from "@/components/forms/checkbox-group";
import { FormMessage } from "@/components/forms/form-message";
import { NEW_PASSWORD_HINT, NewPasswordFields } from "@/components/forms/new-password-fields";
import { SelectField } from "@/components/forms/select-field";
import { SubmitButton } from "@/components/forms/submit-button";
import { TextField } from "@/components/forms/text-field";
import { useActionForm, type FormAction } from "@/components/forms/use-action-form";
import { PASSWORD_MAX, PASSWORD_MIN } from "@/lib/validation/fields";
import { staffFormSchema, type StaffFormInput, type StaffFormMode } from "@/lib/validation/staff";
import "./admin.css";

export type StaffFormInitial = {
  email: string;
  firstName: string;
  lastName: string;
  subjectGroupId: string;
  roles: string[];
  active: boolean;
};

type Props = {
  mode: StaffFormMode;
  action: FormAction;
  initial: StaffFormInitial;
  roles: readonly { name: string; description: string }[];
  subjectGroups: readonly { id: number; name: string }[];
  cancelHref: string;
};

const asList = (value: string | string[] | undefined) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * New staff and Edit staff (PRODUCT.md: Email, First name, Last name, Subject group, Roles,
 * Active, Password + Confirm password, Save). The same schema checks it here and in the
 * server action; the server's rules (a taken email, the last administrator) come back as
 * messages on their fields.
 */
export function StaffForm({ mode, action, initial, roles, subjectGroups, cancelHref }: Props) {
  const schema = useMemo(() => staffFormSchema(mode), [mode]);
  const { state, pending, fieldProps, textFieldProps, formProps } = useActionForm<StaffFormInput>(schema, action, {
    ...initial,
    password: "",
    confirmPassword: "",
  });
  // After a refused save without JavaScript, the page is drawn again from what was posted:
  // an unticked box is absent from a post, so "absent" means unticked there.
  const echoed = state.values;
  const activeChecked = echoed ? echoed.active === "on" : initial.active;
  const rolesChecked = echoed ? asList(echoed.roles) : initial.roles;

  return (
    <form {...formProps} className="stack admin-form">
      <FormMessage state={state} />
      <TextField label="Email" type="email" autoComplete="off" required maxLength={254} {...textFieldProps("email")} />
      <TextField label="First name" autoComplete="off" required maxLength={60} {...textFieldProps("firstName")} />
      <TextField label="Last name" autoComplete="off" required maxLength={60} {...textFieldProps("lastName")} />
      <SelectField
        label="Subject group"
        blankLabel="(none)"
        options={subjectGroups.map((group) => ({ value: String(group.id), label: group.name }))}
        {...textFieldProps("subjectGroupId")}
      />
      <CheckboxGroup
        legend="Roles"
        options={roles.map((role) => ({ value: role.name, label: role.name, hint: role.description || undefined }))}
        checked={rolesChecked}
        {...fieldProps("roles")}
      />
      <CheckboxField
        label="Active"
        hint="Inactive staff cannot log in or use API tokens."
        defaultChecked={activeChecked}
        {...fieldProps("active")}
      />
      <NewPasswordFields
        required={false}
        hint={
          mode === "create"
            ? `Leave blank to send them an invitation by email to choose their own. A password you set (${NEW_PASSWORD_HINT.replace(/\.$/, "")}) is temporary: they change it at their first login.`
            : `Leave blank to keep the current password. A new one (${PASSWORD_MIN} to ${PASSWORD_MAX} characters) is temporary and logs them out everywhere.`
        }
        field={fieldProps}
      />
      <div className="actions">
        <SubmitButton pending={pending}>Save</SubmitButton>
        <Link href={cancelHref}>Cancel</Link>
      </div>
    </form>
  );
}
