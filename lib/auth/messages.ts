/** The one login failure message: it never says whether the email or the password was wrong. */
export const INVALID_CREDENTIALS = "Invalid email or password.";
