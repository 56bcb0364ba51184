import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Holds a table that can be wider than a phone: the table scrolls inside this box
 * rather than the whole page sideways (WCAG 1.4.10). The box takes keyboard focus so
 * it can be scrolled without a mouse, and a name so a screen reader can announce it.
 * With JavaScript it is a Tab stop only while there is something to scroll: on a wide
 * screen it would be a stop that does nothing. Without, it always is.
 */
export function ScrollBox({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(true);
  useEffect(() => {
    const box = ref.current;
    if (!box || typeof ResizeObserver === "undefined") return;
    const check = () => setScrolls(box.scrollWidth > box.clientWidth);
    const observer = new ResizeObserver(check);
    observer.observe(box);
    // The table grows without the box changing size (rows added, fonts loaded).
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    check();
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-wrap" role="region" aria-label={label} tabIndex={scrolls ? 0 : undefined}>
      {children}
    </div>
  );
}
