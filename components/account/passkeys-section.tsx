import { ActionForm } from "@/components/admin/action-form";
import { formatDateTime } from "@/components/admin/format";
import { PasskeyButton } from "@/components/auth/passkey-button";
import type { FormAction } from "@/components/forms/use-action-form";
import type { PasskeySummary } from "@/lib/auth/passkeys/passkey-service";

type Props = { passkeys: PasskeySummary[]; addAction: FormAction; renameAction: FormAction; removeAction: FormAction };

function DateOrNever({ date, never }: { date: Date | null; never: string }) {
  return date ? <time dateTime={date.toISOString()}>{formatDateTime(date.toISOString())}</time> : <>{never}</>;
}

/**
 * /account/security's Passkeys: Add a passkey (needs JavaScript, like every WebAuthn
 * ceremony), and for each one its name, dates, a rename form and Remove (plain forms, which
 * work without JavaScript).
 */
export function PasskeysSection({ passkeys, addAction, renameAction, removeAction }: Props) {
  return (
    <section aria-labelledby="passkeys-heading" className="stack">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p>A passkey signs you in without a password or code: your device checks your fingerprint, face or screen lock. It counts as two-factor authentication.</p>
      {passkeys.length === 0 ? (
        <p>You have no passkeys.</p>
      ) : (
        <ul className="passkey-list" aria-label="Your passkeys">
          {passkeys.map((passkey, index) => (
            <li key={passkey.id} className="stack">
              <h3>{passkey.name}</h3>
              <p>
                Added <DateOrNever date={passkey.createdAt} never="" />. Last used <DateOrNever date={passkey.lastUsedAt} never="never" />.
              </p>
              <ActionForm id={`passkey-rename-${index}`} action={renameAction} submitLabel="Rename">
                <input type="hidden" name="id" value={passkey.id} />
                <div className="field">
                  <label htmlFor={`passkey-name-${index}`}>Name of {passkey.name}</label>
                  <input id={`passkey-name-${index}`} name="name" defaultValue={passkey.name} maxLength={60} required autoComplete="off" />
                </div>
              </ActionForm>
              <ActionForm id={`passkey-remove-${index}`} action={removeAction} submitLabel="Remove" tone="danger">
                <input type="hidden" name="id" value={passkey.id} />
              </ActionForm>
            </li>
          ))}
        </ul>
      )}
      <PasskeyButton kind="register" id="passkey-add" label="Add a passkey" action={addAction} />
    </section>
  );
}
