import { notFound } from "~/permissions.server";

export { ErrorBoundary } from "~/components/error-page";

// Catches every URL no other route matches, so that Remix runs the root loader
// and the 404 page has the shell and the visitor's language (without this route
// Remix renders the error page with no root data: English, no menus). The action
// does the same for a POST, which would otherwise be a bare 405.
export async function loader() {
  notFound();
}

export async function action() {
  notFound();
}

export default function NotFound() {
  return null;
}
