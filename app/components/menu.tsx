import { useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A header drop-down: a native <details>, so it opens and closes without JavaScript.
 * With JavaScript it also behaves like a menu people know: Escape closes it (focus back
 * on its button), a click elsewhere closes it, so does Tab past its last item (an open
 * panel would cover the links focus moves on to), and it is closed after a navigation,
 * since the header stays in place while the page under it changes.
 */
export function Menu({ className, summary, children }: { className: string; summary: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const location = useLocation();

  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [location.key]);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const menu = ref.current;
      if (event.key !== "Escape" || !menu?.open) return;
      menu.open = false;
      menu.querySelector("summary")?.focus();
    }
    // A click or the focus landing outside the menu closes it.
    function closeIfOutside(event: Event) {
      const menu = ref.current;
      if (menu?.open && !menu.contains(event.target as Node)) menu.open = false;
    }
    document.addEventListener("keydown", onKeyDown);
    document.addEventListener("click", closeIfOutside);
    document.addEventListener("focusin", closeIfOutside);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("click", closeIfOutside);
      document.removeEventListener("focusin", closeIfOutside);
    };
  }, []);

  return (
    <details ref={ref} className={`menu ${className}`}>
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
