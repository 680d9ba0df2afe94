export function SubmitButton({ children, pending, className }: { children: string; pending: boolean; className?: string }) {
  return (
    <button type="submit" className={className ?? "button primary"} aria-disabled={pending || undefined} disabled={pending}>
      {children}
    </button>
  );
}
