import Link from "next/link";
import type { ReactNode } from "react";
import { ActionForm } from "./action-form";
import type { FormAction } from "@/components/forms/use-action-form";

/** A deletion's question and its Delete button (a POST form, so it works without JavaScript), with Cancel. */
export function DeleteConfirmation({ action, cancelHref, children }: { action: FormAction; cancelHref: string; children: ReactNode }) {
  return (
    <>
      <p>{children}</p>
      <ActionForm id="delete" action={action} submitLabel="Delete" tone="danger" secondary={<Link href={cancelHref}>Cancel</Link>} />
    </>
  );
}
