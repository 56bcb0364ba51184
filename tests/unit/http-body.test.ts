// The server's check of a write's body before any action runs (app/http.server.ts).
import { expect, test } from "vitest";
import { checkFormBody } from "~/http.server";

const bytes = (text: string) => new TextEncoder().encode(text);
const headers = (type?: string) => new Headers(type ? { "content-type": type } : {});

test("URL-encoded forms pass as they are, also with bad escapes", async () => {
  expect(await checkFormBody(headers("application/x-www-form-urlencoded"), bytes("a=1&b=%ZZ&c=%E0"))).toMatchObject({ ok: true });
  expect(await checkFormBody(headers("application/x-www-form-urlencoded;charset=UTF-8"), bytes("a=1"))).toMatchObject({ ok: true });
});

test("multipart forms pass when they parse, and are a 400 when they do not", async () => {
  const form = new FormData();
  form.set("name", "Team");
  const request = new Request("http://x/", { method: "POST", body: form });
  const type = request.headers.get("content-type")!;
  const body = new Uint8Array(await request.arrayBuffer());
  expect(await checkFormBody(headers(type), body)).toMatchObject({ ok: true });
  expect(await checkFormBody(headers("multipart/form-data; boundary=x"), bytes("garbage"))).toEqual({ ok: false, status: 400 });
  expect(await checkFormBody(headers("multipart/form-data"), bytes("a=1"))).toEqual({ ok: false, status: 400 });
});

test("other bodies are 415", async () => {
  for (const type of ["application/json", "text/plain", "application/x-www-form-urlencodedX", "text/html; x=application/x-www-form-urlencoded", undefined]) {
    expect(await checkFormBody(headers(type), bytes("{}")), String(type)).toEqual({ ok: false, status: 415 });
  }
});

test("an empty body is an empty form, whatever its type", async () => {
  for (const type of ["application/json", "text/plain", undefined]) {
    const checked = await checkFormBody(headers(type), new Uint8Array());
    expect(checked.ok).toBe(true);
    if (checked.ok) expect(checked.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
  }
});

test("field names: our forms' names pass; too many, too deep, too long or indexed far out are refused", async () => {
  const { checkFieldNames } = await import("~/http.server");
  expect(checkFieldNames(["intent", "title", "body", "rating.N-1", "example.N-12", "normCodes", "normCodes", "items[3].text"])).toBe("ok");
  expect(checkFieldNames(Array.from({ length: 1000 }, (_, i) => `f${i}`))).toBe("ok");
  expect(checkFieldNames(Array.from({ length: 1001 }, (_, i) => `f${i}`))).toBe(413);
  for (const name of ["a[1001]", "a[99999999]", "a[-1]", "a[x]", "a[]", "a.b.c.d.e", "a[0][0][0][0]", "x".repeat(201)]) {
    expect(checkFieldNames([name]), name).toBe(400);
  }
});

test("a form body with a name no form sends is refused before Remix", async () => {
  const type = headers("application/x-www-form-urlencoded");
  expect(await checkFormBody(type, bytes("normCodes%5B9999999%5D=x"))).toEqual({ ok: false, status: 400 });
  expect(await checkFormBody(type, bytes(Array.from({ length: 1001 }, (_, i) => `f${i}=1`).join("&")))).toEqual({ ok: false, status: 413 });
});
