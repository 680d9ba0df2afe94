import type { CurrentUser } from "@/lib/identity/current-user";
import { IntentLink } from "./intent-link";
import { NavLink } from "./nav-link";

export function SiteHeader({ user, logoutAction }: { user: CurrentUser; logoutAction: () => Promise<void> }) {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <IntentLink className="brand" href="/">
          Staffroom
        </IntentLink>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink href="/">Todos</NavLink>
            </li>
            {user.isAdmin ? (
              <>
                <li>
                  <NavLink href="/admin" exact>
                    Security overview
                  </NavLink>
                </li>
                <li>
                  <NavLink href="/admin/staff">Staff</NavLink>
                </li>
                <li>
                  <NavLink href="/admin/subject-groups">Subject groups</NavLink>
                </li>
                <li>
                  <NavLink href="/admin/audit">Audit log</NavLink>
                </li>
                <li>
                  <NavLink href="/admin/settings">Settings</NavLink>
                </li>
              </>
            ) : null}
          </ul>
        </nav>
        <div className="account">
          <span className="user-name">
            {user.firstName} {user.lastName}
          </span>
          <NavLink href="/account/sessions">Your sessions</NavLink>
          <NavLink href="/account/security">Security</NavLink>
          <NavLink href="/account/tokens">API tokens</NavLink>
          <NavLink href="/account/password">Change password</NavLink>
          <form action={logoutAction}>
            <button type="submit" className="button link">
              Log out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
