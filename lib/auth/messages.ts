/** The one login failure message: it never says whether the email or the password was wrong. */
export const INVALID_CREDENTIALS = "Invalid email or password.";

/** PRODUCT.md: shown on /account/password to a person holding a temporary password. */
export const CHOOSE_NEW_PASSWORD = "Choose a new password to continue.";

/** The API's answer to a write by a person holding a temporary password. */
export const PASSWORD_CHANGE_REQUIRED_API =
  "Your password is temporary: choose a new one at /account/password before making changes. Until then only reads answer.";

/** The one second-step failure message, for a wrong, used or unknown code alike. */
export const INVALID_CODE = "Invalid code.";

/** A passkey answer that did not sign in: an unknown (e.g. removed) passkey, or one that did not verify. */
export const PASSKEY_NOT_ACCEPTED = "That passkey was not accepted. It may have been removed from your account: log in with your password instead.";

/** The passkey ceremony ran out, was used already, or was never started in this browser. */
export const PASSKEY_EXPIRED = "That took too long, or was already used. Try again.";
