import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { FirstErrorClaims } from "./components/first-error";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  LiveReload,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useMatches,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import { getCurrentSession } from "./auth.server";
import { teamsOfUser } from "./permissions.server";
import { readFlash } from "./flash.server";
import { type MessageKey, type Messages, type T } from "./i18n";
import { interpolate } from "./i18n/core";
import { PAGE_TITLES } from "./page-titles";
import { dictionaryUrl } from "./i18n/dictionaries";
import type { Locale } from "./i18n/core";
import { resolveLocale } from "./i18n/locale.server";
import type { ServerLoadContext } from "./unsaved-text";
import { ErrorPage, SentTexts, useSentTexts } from "./components/error-page";
import { FlashMessage } from "./components/flash";
import { Menu } from "./components/menu";
import { UnsavedTextGuard } from "./components/unsaved-guard";
import { useNonce } from "./nonce";
import { I18nProvider, useDictionary, useT } from "./i18n/react";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: "/styles.css" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];


export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const session = await getCurrentSession(request);
  const user = session?.user ?? null;
  const teams = user ? teamsOfUser(request, user.id) : [];
  const current = params.team ? (teams.find((t) => t.team.id === params.team) ?? null) : null;
  const locale = await resolveLocale(request, user?.language, current?.team.language);
  const { flash, setCookie } = await readFlash(request);
  // After a write: its texts, for the error page should the action have refused it as a whole.
  const unsaved = (await (context as ServerLoadContext).unsavedTexts?.()) ?? [];
  const headers = new Headers();
  if (setCookie) headers.append("Set-Cookie", setCookie);
  if (session?.setCookie) headers.append("Set-Cookie", session.setCookie);
  return data(
    {
      locale,
      messagesUrl: dictionaryUrl(locale),
      user: user ? { id: user.id, name: user.name } : null,
      teams: teams.map(({ team, role }) => ({ id: team.id, name: team.name, role })),
      currentTeam: current ? { id: current.team.id, name: current.team.name, role: current.role, language: current.team.language } : null,
      flash,
      ...(unsaved.length > 0 ? { unsaved } : {}),
    },
    { headers },
  );
}

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root") as RootData | undefined;
}

/**
 * The page's <title>: its name (by route id, app/page-titles.ts), the team, and the
 * app. Rendered here rather than by a root meta export, which cannot see the leaf route.
 * A route showing one of several views may name the view in its loader data
 * (`pageTitle: { key, params }`, see PageTitleData).
 */
function PageTitle({ messages, error: rootError }: { messages?: Messages; error?: unknown }) {
  const matches = useMatches();
  const root = useRootData();
  const leaf = matches[matches.length - 1];
  // A page's own error boundary (decision 011) renders inside this shell, so its 403 or
  // 404 reaches the title only through the router's state: Remix's hooks give the shell
  // no route's error but its own.
  const routerState = useContext(UNSAFE_DataRouterStateContext);
  const routeErrors = routerState?.errors;
  const error = rootError ?? (routeErrors ? Object.values(routeErrors)[0] : undefined);
  const leafAction: unknown = leaf ? routerState?.actionData?.[leaf.id] : undefined;
  // An action may name the view its answer shows too (a join refused meanwhile).
  const own = error === undefined ? (pageTitleOf(leafAction) ?? pageTitleOf(leaf?.data)) : null;
  const key: MessageKey | undefined =
    error !== undefined
      ? isRouteErrorResponse(error) && error.status === 404
        ? "error.notFound.title"
        : isRouteErrorResponse(error) && error.status === 403
          ? "error.forbidden.title"
          : "error.title"
      : (own?.key ?? PAGE_TITLES[leaf?.id ?? ""]);
  const params = {
    ...Object.fromEntries(Object.entries(leaf?.params ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
    ...own?.params,
  };
  const page = key && messages?.[key] ? interpolate(messages[key], params) : null;
  const team = error === undefined ? root?.currentTeam?.name : null;
  // The title is what a screen reader reads first on a page load, so a page that comes
  // back from a post says first how it went: refused (see `refusal`), or the flash
  // message of the save, for as long as the page shows it.
  const refused = error === undefined ? refusal(leafAction) : null;
  const shownFlash = useCurrentFlash(root?.flash ?? null);
  const flash = shownFlash && messages?.[shownFlash.key] ? interpolate(messages[shownFlash.key], shownFlash.params ?? {}) : null;
  const outcome = refused ? (messages?.[refused] ?? null) : flash;
  return <title>{[outcome, page, team, "Normwerk"].filter(Boolean).join(" — ")}</title>;
}

/**
 * How a page's action data refused a post, for its title: a form with something to
 * check (conform's reply, alone or as the page's `result`), or a post refused with a
 * message of its own (`error`: already closed, withdrawn meanwhile). Null when it was not
 * refused, or refused as a whole with nothing to read on the page (an invite link).
 */
function refusal(actionData: unknown): "title.refused" | "title.notDone" | null {
  if (typeof actionData !== "object" || actionData === null) return null;
  if ("error" in actionData && typeof actionData.error === "string") return "title.notDone";
  const reply = "result" in actionData ? actionData.result : actionData;
  return typeof reply === "object" && reply !== null && "status" in reply && reply.status === "error" ? "title.refused" : null;
}

/** What a leaf loader may return to give one of its views its own title. */
export type PageTitleData = { key: MessageKey; params: Record<string, string> };

function pageTitleOf(data: unknown): PageTitleData | null {
  if (typeof data !== "object" || data === null || !("pageTitle" in data)) return null;
  const title = data.pageTitle as PageTitleData | null | undefined;
  return title && typeof title.key === "string" ? title : null;
}

const ZOD_WITHOUT_EVAL = "globalThis.__zod_globalConfig={jitless:true}";

function Document({
  locale,
  messagesUrl,
  error,
  children,
}: {
  locale: Locale;
  messagesUrl?: string;
  error?: unknown;
  children: ReactNode;
}) {
  const messages = useDictionary(locale, messagesUrl);
  // Server only: the browser acts on `autofocus` as it reads the page, so hydration
  // has nothing left to do, and a map kept across client renders would go stale.
  const firstErrors = useRef(typeof document === "undefined" ? new Map<string, string>() : null).current;
  const sent = useSentTexts();
  const nonce = useNonce();
  return (
    <SentTexts.Provider value={sent}>
    <FirstErrorClaims.Provider value={firstErrors}>
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Before any module: zod would otherwise try `new Function` when its schemas are
            built, which our Content-Security-Policy refuses and reports (decision 080). */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }} />
        <PageTitle messages={messages} error={error} />
        <Meta />
        <Links />
        {/* Fetched early: entry.client needs it before hydrating (cached for good after the first page). */}
        {messagesUrl ? <link rel="preload" href={messagesUrl} as="fetch" crossOrigin="anonymous" /> : null}
      </head>
      <body>
        <I18nProvider locale={locale} messages={messages}>
          {children}
        </I18nProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* Reloads the browser after `npm run dev` rebuilt; renders nothing outside development. */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
    </FirstErrorClaims.Provider>
    </SentTexts.Provider>
  );
}

/** Focuses the first field marked invalid inside `container`, unless focus is already in it; whether there was one. */
function focusFirstInvalid(container: ParentNode | null) {
  const invalid = container?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (!invalid) return false;
  if (!invalid.contains(document.activeElement)) invalid.focus();
  return true;
}

/**
 * A form the browser refused (conform found errors before sending) starts at its first
 * wrong field, as a refused page does without JavaScript (useFirstError). conform only
 * does so for fields that already showed an error before the click, so a vote "object"
 * without a reason, or a wrong number in the settings, left the focus on the button and
 * the error unread.
 */
function useFocusFirstErrorOnSubmit() {
  useEffect(() => {
    const onSubmit = (event: Event) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      // conform checks a field on leaving it by a submit of its own (a hidden button named
      // __intent__): that is no send, and focusing the error then pulled Tab back to the field.
      if ((event as SubmitEvent).submitter?.getAttribute("name") === "__intent__") return;
      // After React has shown the errors this submit found (discrete events flush at once).
      setTimeout(() => focusFirstInvalid(form), 0);
    };
    document.addEventListener("submit", onSubmit, true);
    return () => document.removeEventListener("submit", onSubmit, true);
  }, []);
}

/**
 * After a client-side navigation nothing tells a screen reader that a new page is
 * there, and focus stays on a link that may be gone. Moving focus to <main>, as a
 * full page load followed by the skip link would, fixes both. Not on the first render;
 * not when a field of the new page took focus itself (`data-autofocus`: React focuses
 * such a field on mount without writing an attribute we could look for); to the first
 * field marked invalid when the server refused a post; and to the element a link names
 * in its state (`{ focus: id }`), as Cancel does for the link that opened its form.
 * After a post that saved, to the flash message that says so; after a post refused as
 * a whole, to its message. A link to a part of the same page (`#id`), to that part.
 */
function useFocusMainOnNavigation(key: string, state: unknown, pathname: string, hash: string) {
  const firstKey = useRef(key);
  const navigation = useNavigation();
  const last = useRef({ pathname, posted: false });
  if (navigation.state === "submitting") last.current.posted = true;
  else if (navigation.state === "loading" && !navigation.formData) last.current.posted = false;
  useEffect(() => {
    const before = last.current;
    last.current = { pathname, posted: false };
    if (key === firstKey.current) return;
    if (document.activeElement?.hasAttribute("data-autofocus")) return;
    const named = typeof state === "object" && state !== null && "focus" in state && typeof state.focus === "string" ? state.focus : null;
    // A link within the page goes to its part (a rating form's list of refused norms),
    // not back to the form's first error; to the element it names, if it names one.
    const part =
      !before.posted && before.pathname === pathname && hash ? document.getElementById(named ?? decodeURIComponent(hash.slice(1))) : null;
    if (part) {
      part.focus();
      return;
    }
    // A post the server refused comes back as a page with its errors: start at the first.
    if (focusFirstInvalid(document.getElementById("main"))) return;
    // A post that saved and came back at what it added or changed (#comment-12, #note-3,
    // #action-5, marked focusable): that item, so it is read out as the confirmation
    // where the page scrolled; the flash at the top may be screens away.
    const landed = before.posted && hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (landed?.getAttribute("tabindex") === "-1") {
      landed.focus();
      return;
    }
    // A post that saved redirects, and the router scrolls the new page to the top, where
    // the flash message says what happened: focus it, so it is read out and the next
    // Tab starts there, not at the form's button far below. A redirect to a part of the
    // page that is not an item (above) scrolls there instead, and focus stays by the form.
    const flash = before.posted && !hash ? document.querySelector<HTMLElement>("#main > .flash") : null;
    if (flash) {
      flash.focus();
      return;
    }
    const active = document.activeElement;
    if (before.posted && before.pathname === pathname && active instanceof HTMLElement && active.id !== "main" && active.closest("main")) {
      // Back on the same page with the form's button still there: a post refused as a
      // whole (a failed sign-in) gets its message focused once conform has shown it (a
      // render after this one), as without JavaScript.
      const form = active.closest("form");
      setTimeout(() => {
        // The form's own message; else the page's (a refusal shown above, whose reload may
        // take this button away: "done" on an action a lead dropped meanwhile).
        const message = form?.querySelector<HTMLElement>(".form-error") ?? document.querySelector<HTMLElement>("#main .form-error");
        if (message && (document.activeElement === active || document.activeElement === document.body)) message.focus();
      }, 0);
      return;
    }
    // A refusal whose form lost its button with the page's new state (a check-in closed
    // meanwhile, decision 079): its message, which also scrolls it into view.
    const refusal = before.posted && before.pathname === pathname ? document.querySelector<HTMLElement>("#main .form-error") : null;
    if (refusal) {
      refusal.focus();
      return;
    }
    const target = named ? document.getElementById(named) : null;
    if (target) target.focus();
    else document.getElementById("main")?.focus({ preventScroll: true });
  }, [key, state, pathname, hash]);
}

/**
 * The flash the root loader read, until the next post starts. A post that is refused
 * (400) does not load the root again, so "Your profile is saved." stayed beside the
 * next form's error; a post that saves redirects and brings its own flash.
 */
function useCurrentFlash<F>(flash: F | null) {
  const navigation = useNavigation();
  const [spent, setSpent] = useState<F | null>(null);
  useEffect(() => {
    if (navigation.state === "submitting") setSpent(flash);
  }, [navigation.state, flash]);
  return flash !== null && flash !== spent ? flash : null;
}

function Shell({ children }: { children: ReactNode }) {
  const root = useRootData();
  const t = useT();
  const location = useLocation();
  const team = root?.currentTeam;
  useFocusMainOnNavigation(location.key, location.state, location.pathname, location.hash);
  useFocusFirstErrorOnSubmit();
  const flash = useCurrentFlash(root?.flash ?? null);
  return (
    <>
      <UnsavedTextGuard />
      <a className="skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          {!root ? null : root.user ? (
            <>
              <TeamSwitcher t={t} teams={root.teams} currentId={team?.id} />
              <Menu
                className="user-menu"
                summary={
                  <>
                    <span className="visually-hidden">{t("shell.userMenu")}: </span>
                    {root.user.name}
                  </>
                }
              >
                <div className="menu-panel">
                  <p className="muted">{t("shell.signedInAs", { name: root.user.name })}</p>
                  <Link to="/account">{t("shell.account")}</Link>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("shell.logout")}
                    </button>
                  </Form>
                </div>
              </Menu>
            </>
          ) : (
            <nav aria-label={t("shell.mainNav")} className="visitor-nav">
              <Link to="/login">{t("shell.login")}</Link>
              <Link to="/signup">{t("shell.signup")}</Link>
            </nav>
          )}
        </div>
        {team ? <TeamNav t={t} teamId={team.id} isLead={team.role === "lead"} teamName={team.name} /> : null}
      </header>
      <main id="main" tabIndex={-1}>
        {flash ? <FlashMessage key={location.key} text={t(flash.key, flash.params)} /> : null}
        {children}
      </main>
      <footer className="site-footer">
        <p>{t("shell.footer")}</p>
        {/* Without root data (the root loader itself failed) there is no dictionary for the switcher's labels. */}
        {root ? <LanguageSwitcher t={t} /> : null}
      </footer>
    </>
  );
}

function TeamSwitcher({ t, teams, currentId }: { t: T; teams: { id: string; name: string }[]; currentId?: string }) {
  return (
    <Menu className="team-menu" summary={t("shell.teamSwitcher")}>
      <nav className="menu-panel" aria-label={t("shell.myTeams")}>
        <ul>
          {teams.map((team) => (
            <li key={team.id}>
              <Link to={`/teams/${team.id}`} aria-current={team.id === currentId ? "true" : undefined}>
                {team.name}
              </Link>
            </li>
          ))}
          <li>
            <Link to="/teams/new">{t("shell.newTeam")}</Link>
          </li>
        </ul>
      </nav>
    </Menu>
  );
}

function TeamNav({ t, teamId, isLead, teamName }: { t: T; teamId: string; isLead: boolean; teamName: string }) {
  const base = `/teams/${teamId}`;
  const items: [string, string, boolean][] = [
    [base, t("nav.home"), true],
    [`${base}/agreement`, t("nav.agreement"), false],
    [`${base}/proposals`, t("nav.proposals"), false],
    [`${base}/checkins`, t("nav.checkins"), false],
    [`${base}/members`, t("nav.members"), false],
  ];
  if (isLead) {
    items.push([`${base}/settings`, t("nav.settings"), false], [`${base}/audit`, t("nav.audit"), false]);
  }
  return (
    <nav className="team-nav" aria-label={`${t("shell.teamNav")}: ${teamName}`}>
      <span className="team-name">{teamName}</span>
      <ul>
        {items.map(([to, label, end]) => (
          <li key={to}>
            <NavLink to={to} end={end}>
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function LanguageSwitcher({ t }: { t: T }) {
  const location = useLocation();
  return (
    // A whole page load: the new language's dictionary then comes with the page.
    <Form method="post" action="/language" className="language-switcher" reloadDocument>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <span id="language-label">{t("shell.language")}:</span>
      {(["nl", "en"] as const).map((lang) => (
        <button
          key={lang}
          type="submit"
          name="language"
          value={lang}
          className="link-button"
          lang={lang}
          aria-describedby="language-label"
          aria-pressed={t.locale === lang}
        >
          {t(`lang.${lang}`)}
        </button>
      ))}
    </Form>
  );
}

export default function App() {
  const root = useRootData();
  return (
    <Document locale={root?.locale ?? "en"} messagesUrl={root?.messagesUrl}>
      <Shell>
        <Outlet />
      </Shell>
    </Document>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const root = useRootData();
  return (
    <Document locale={root?.locale ?? "en"} messagesUrl={root?.messagesUrl} error={error ?? null}>
      <Shell>
        <ErrorPage error={error} />
      </Shell>
    </Document>
  );
}
