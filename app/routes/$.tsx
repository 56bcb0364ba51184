// Catches every URL no other route matches. Without it Remix answers such a 404
// without running the root loader, so the error page could not know the visitor's
// language or session and always came out in English with a signed-out header.
import { notFound } from "~/permissions.server";

export function loader(): never {
  notFound();
}

// A form posted to an unknown URL is a 404 too, not a 405.
export function action(): never {
  notFound();
}

export default function NotFound() {
  return null;
}
