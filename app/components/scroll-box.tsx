import type { ReactNode } from "react";

/**
 * Holds a table that can be wider than a phone: the table scrolls inside this box
 * rather than the whole page sideways (WCAG 1.4.10). The box takes keyboard focus so
 * it can be scrolled without a mouse, and a name so a screen reader can announce it.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
