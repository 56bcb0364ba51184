// The <title> of every page: its name, the team it belongs to, and the app.
// Keyed by Remix route id so no route has to remember a meta export; a unit test
// checks that every page route has an entry.
import type { MessageKey } from "./i18n";

export const PAGE_TITLES: Record<string, MessageKey> = {
  "routes/_index": "title.home",
  "routes/$": "error.notFound.title",
  "routes/account": "account.title",
  "routes/join.$token": "title.join",
  "routes/login": "auth.login.title",
  "routes/signup": "auth.signup.title",
  "routes/teams.new": "team.new.title",
  "routes/teams.$team._index": "title.teamHome",
  "routes/teams.$team.agreement._index": "nav.agreement",
  "routes/teams.$team.agreement.history": "title.agreementHistory",
  "routes/teams.$team.audit": "nav.audit",
  "routes/teams.$team.checkins._index": "nav.checkins",
  "routes/teams.$team.checkins.new": "title.newCheckin",
  "routes/teams.$team.checkins.$cycle._index": "title.checkin",
  "routes/teams.$team.checkins.$cycle.self": "title.selfRating",
  "routes/teams.$team.checkins.$cycle.peers.$userId": "title.peerRating",
  "routes/teams.$team.checkins.$cycle.results": "title.results",
  "routes/teams.$team.checkins.$cycle.conversations._index": "title.conversations",
  "routes/teams.$team.checkins.$cycle.conversations.$userId": "title.conversation",
  "routes/teams.$team.members": "nav.members",
  "routes/teams.$team.norms.$code": "title.norm",
  "routes/teams.$team.proposals._index": "nav.proposals",
  "routes/teams.$team.proposals.new": "title.newProposal",
  "routes/teams.$team.proposals.$id": "title.proposal",
  "routes/teams.$team.settings": "nav.settings",
};

/** Routes that answer with something other than a page (exports, redirects). */
export const NON_PAGE_ROUTES = ["routes/language", "routes/logout", "routes/teams.$team.agreement[.md]", "routes/i18n.$file"];
