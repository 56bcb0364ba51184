import { Link } from "@remix-run/react";
import { useT } from "~/i18n/react";

/**
 * Closes a form opened by a link (`?edit=`, `?comment=`, `?action=`): back to its item on
 * the page; with JavaScript, focus returns to the link that opened it (root.tsx).
 */
export function CancelLink({ to, focus }: { to: string; focus: string }) {
  const t = useT();
  return (
    <Link to={to} state={{ focus }} preventScrollReset>
      {t("shell.cancel")}
    </Link>
  );
}
