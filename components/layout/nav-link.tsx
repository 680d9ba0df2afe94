"use client";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { IntentLink } from "./intent-link";

/** A navigation link that marks the current section (aria-current) for sight and screen readers. */
export function NavLink({ href, children, exact = false }: { href: string; children: ReactNode; exact?: boolean }) {
  const pathname = usePathname();
  const current = href === "/" || exact ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <IntentLink href={href} aria-current={current ? "page" : undefined} className="nav-link">
      {children}
    </IntentLink>
  );
}
