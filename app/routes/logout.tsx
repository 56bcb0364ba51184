import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { endSession } from "~/auth.server";
import { redirectWithFlash } from "~/flash.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  return redirectWithFlash("/login", { key: "auth.logout.done" }, { headers: { "Set-Cookie": await endSession(request) } });
}
