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
