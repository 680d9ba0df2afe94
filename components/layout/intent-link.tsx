"use client";
import Link from "next/link";
import { useState, type ComponentProps } from "react";

/**
 * A link that prefetches its page only once the person shows intent (pointer over it, focus,
 * touch), as Next.js' prefetching guide describes. Every page's links are dynamic pages:
 * prefetching them as they appeared cost the header alone about ten server renders per page
 * view (each twice), for the one link a person may open next (issue 16). Used for the
 * header, the pages' action buttons and Previous/Next; links in table rows are never
 * prefetched (components/admin/list-parts.tsx).
 */
export function IntentLink(props: ComponentProps<typeof Link>) {
  const [intent, setIntent] = useState(false);
  const show = () => setIntent(true);
  return <Link {...props} prefetch={intent ? null : false} onMouseEnter={show} onFocus={show} onTouchStart={show} />;
}
