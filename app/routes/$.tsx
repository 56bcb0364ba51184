import { notFound } from "~/permissions.server";

// Catches every URL no other route matches, so that Remix runs the root loader
// and the 404 page has the shell and the visitor's language (without this route
// Remix renders the error page with no root data: English, no menus).
export async function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
