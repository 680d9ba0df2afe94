import type { Metadata } from "next";
import Link from "next/link";
import { PasskeysSection } from "@/components/account/passkeys-section";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import { ActionForm } from "@/components/admin/action-form";
import { firstParam } from "@/components/admin/format";
import { TwoFactorCodeForm } from "@/components/auth/two-factor-form";
import { Notice } from "@/components/layout/notice";
import { listPasskeys } from "@/lib/auth/passkeys/passkey-service";
import { requireRecentConfirmation } from "@/lib/auth/reauth";
import { needsTwoFactorSetup } from "@/lib/auth/two-factor/policy";
import { qrCodeDataUrl } from "@/lib/auth/two-factor/qr-code";
import { recoveryCodesToShow } from "@/lib/auth/two-factor/recovery-codes-flash";
import { getTwoFactorStatus, type TwoFactorStatus } from "@/lib/auth/two-factor/two-factor-service";
import { db } from "@/lib/db/client";
import { addPasskeyAction, removePasskeyAction, renamePasskeyAction } from "./passkey-actions";
import { cancelSetupAction, hideRecoveryCodesAction, newRecoveryCodesAction, startSetupAction, turnOffAction, turnOnAction } from "./actions";

export const metadata: Metadata = { title: "Security" };

const NOTICES = {
  "two-factor-on": { tone: "success", text: "Two-factor authentication is on." },
  "two-factor-off": { tone: "success", text: "Two-factor authentication is off." },
  "recovery-codes-replaced": { tone: "success", text: "You have new recovery codes. The old ones no longer work." },
  "passkey-added": { tone: "success", text: "Passkey added. You can rename it below." },
  "passkey-renamed": { tone: "success", text: "Passkey renamed." },
  "passkey-removed": { tone: "success", text: "Passkey removed. It no longer signs you in." },
} as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SecurityPage({ searchParams }: Props) {
  const params = await searchParams;
  const confirm = firstParam(params.confirm);
  // Every change here needs a recent sign-in or confirmation: ask before the forms, not after.
  const { user } = await requireRecentConfirmation(confirm ? `/account/security?confirm=${encodeURIComponent(confirm)}` : "/account/security");
  const [status, codes, required, passkeys] = await Promise.all([getTwoFactorStatus(db, user), recoveryCodesToShow(user.id), needsTwoFactorSetup(db, user), listPasskeys(db, user)]);

  return (
    <main id="main" className="page narrow">
      <h1>Security</h1>
      <Notice code={firstParam(params.notice)} notices={NOTICES} />
      {required ? (
        <p className="notice error" role="alert">
          Your organisation requires two-factor authentication. Set up an authenticator app or add a passkey to continue.
        </p>
      ) : null}
      <section aria-labelledby="two-factor-heading" className="stack">
        <h2 id="two-factor-heading">Two-factor authentication</h2>
        {codes ? (
          <RecoveryCodes codes={codes}>
            <ActionForm id="recovery-codes-done" action={hideRecoveryCodesAction} submitLabel="Done" />
          </RecoveryCodes>
        ) : (
          <TwoFactorSection status={status} confirm={confirm} passkeys={passkeys.length} />
        )}
      </section>
      <PasskeysSection passkeys={passkeys} addAction={addPasskeyAction} renameAction={renamePasskeyAction} removeAction={removePasskeyAction} />
    </main>
  );
}

async function TwoFactorSection({ status, confirm, passkeys }: { status: TwoFactorStatus; confirm: string | undefined; passkeys: number }) {
  if (status.state === "off") {
    return (
      <>
        <p>Two-factor authentication is off. With it on, logging in needs your password and a code from an authenticator app on your phone.</p>
        <ActionForm id="two-factor-setup" action={startSetupAction} submitLabel="Set up two-factor authentication" />
      </>
    );
  }
  if (status.state === "setting-up") {
    const qrCode = await qrCodeDataUrl(status.uri);
    return (
      <>
        <p>Scan this QR code with your authenticator app, or type the setup key into it. Then enter the 6-digit code it shows.</p>
        {/* A data URL made on the server: no script needed. */}
        {/* eslint-disable-next-line @next/next/no-img-element */}
        <img src={qrCode} alt="QR code for your authenticator app" width={200} height={200} className="qr-code" />
        <div className="field">
          <label htmlFor="setup-key">Setup key</label>
          <input id="setup-key" readOnly value={status.setupKey} className="setup-key" spellCheck={false} />
        </div>
        <TwoFactorCodeForm action={turnOnAction} submitLabel="Turn on" hint="The 6-digit code your authenticator app shows for Staffroom." />
        <ActionForm id="two-factor-cancel" action={cancelSetupAction} submitLabel="Cancel set-up" />
      </>
    );
  }
  if (confirm === "turn-off") {
    return (
      <>
        <p>
          Turn off two-factor authentication?{" "}
          {passkeys > 0 ? "Your authenticator app will no longer be asked for (your passkeys still are)" : "Logging in will need only your password"}, and your recovery codes will stop working.
        </p>
        <ActionForm id="two-factor-off" action={turnOffAction} submitLabel="Turn off two-factor authentication" tone="danger" secondary={<Link href="/account/security">Cancel</Link>} />
      </>
    );
  }
  if (confirm === "new-recovery-codes") {
    return (
      <>
        <p>Make new recovery codes? Your current ones will stop working.</p>
        <ActionForm id="recovery-codes-new" action={newRecoveryCodesAction} submitLabel="Make new recovery codes" secondary={<Link href="/account/security">Cancel</Link>} />
      </>
    );
  }
  return (
    <>
      <p>
        Two-factor authentication is on. You have {status.recoveryCodesLeft} recovery {status.recoveryCodesLeft === 1 ? "code" : "codes"} left.
      </p>
      <div className="actions">
        <form method="get" action="/account/security">
          <input type="hidden" name="confirm" value="new-recovery-codes" />
          <button type="submit" className="button">
            New recovery codes
          </button>
        </form>
        <form method="get" action="/account/security">
          <input type="hidden" name="confirm" value="turn-off" />
          <button type="submit" className="button danger">
            Turn off
          </button>
        </form>
      </div>
    </>
  );
}
