/**
 * The message after a change (the seeds' flash messages). The page passes a fixed table of
 * notices; the ?notice= code only picks one, so nothing from the URL is ever shown.
 */
export function Notice<Code extends string>({
  code,
  notices,
}: {
  code: string | undefined;
  notices: Record<Code, { tone: "success" | "error"; text: string }>;
}) {
  const notice = code && Object.hasOwn(notices, code) ? notices[code as Code] : null;
  if (!notice) return null;
  return (
    <p className={`notice ${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
      {notice.text}
    </p>
  );
}
