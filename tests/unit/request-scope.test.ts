import { expect, test } from "vitest";
import { inReadScope, oncePerRead } from "~/request-scope.server";

// What Remix does for every loader: a new Request with the same URL and headers.
const copy = (request: Request) => new Request(request.url, { method: request.method, headers: request.headers });

test("within one page read, every copy of the request shares one lookup", async () => {
  const request = new Request("http://localhost/teams/t1");
  let lookups = 0;
  const lookup = () => ++lookups;
  const seen = await inReadScope(request, async () => [oncePerRead(copy(request), "session", lookup), oncePerRead(copy(request), "session", lookup)]);
  expect(seen).toEqual([1, 1]);
  expect(lookups).toBe(1);
});

test("two page reads, even with the same cookie, look up for themselves; keys do not mix", async () => {
  const a = new Request("http://localhost/", { headers: { cookie: "normwerk_session=abc" } });
  const b = new Request("http://localhost/", { headers: { cookie: "normwerk_session=abc" } });
  let lookups = 0;
  await Promise.all([
    inReadScope(a, async () => oncePerRead(copy(a), "session", () => ++lookups)),
    inReadScope(b, async () => oncePerRead(copy(b), "session", () => ++lookups)),
  ]);
  expect(lookups).toBe(2);
  await inReadScope(a, async () => {
    expect(oncePerRead(a, "session", () => "s")).toBe("s");
    expect(oncePerRead(a, "teams", () => "t")).toBe("t");
  });
});

test("after the read, and for writes, every call looks up again", async () => {
  const read = new Request("http://localhost/");
  await inReadScope(read, async () => oncePerRead(read, "session", () => 1));
  let lookups = 0;
  oncePerRead(copy(read), "session", () => ++lookups);
  oncePerRead(copy(read), "session", () => ++lookups);
  expect(lookups).toBe(2);

  const write = new Request("http://localhost/", { method: "POST", body: "x=1" });
  await inReadScope(write, async () => {
    oncePerRead(write, "session", () => ++lookups);
    oncePerRead(write, "session", () => ++lookups);
  });
  expect(lookups).toBe(4);
});

test("a client cannot join another read's scope through the header", async () => {
  const victim = new Request("http://localhost/");
  await inReadScope(victim, async () => {
    oncePerRead(victim, "session", () => "victim's session");
    const id = victim.headers.get("x-normwerk-read")!;
    // A read with the header set by its client gets an id of its own...
    const read = new Request("http://localhost/", { headers: { "x-normwerk-read": id } });
    await inReadScope(read, async () => expect(oncePerRead(read, "session", () => "own")).toBe("own"));
    // ...and a write has it removed.
    const write = new Request("http://localhost/", { method: "POST", headers: { "x-normwerk-read": id }, body: "x=1" });
    await inReadScope(write, async () => expect(oncePerRead(write, "session", () => "own")).toBe("own"));
  });
});

test("the scope ends when the read fails too", async () => {
  const request = new Request("http://localhost/");
  await expect(inReadScope(request, async () => Promise.reject(new Error("loader failed")))).rejects.toThrow("loader failed");
  let lookups = 0;
  oncePerRead(request, "session", () => ++lookups);
  oncePerRead(request, "session", () => ++lookups);
  expect(lookups).toBe(2);
});
