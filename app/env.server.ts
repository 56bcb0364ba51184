import { z } from "zod";

const schema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], { error: "must be development, production or test" })
    .default("development"),
  PORT: wholeNumber(1, 65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).default("./data/normwerk.db"),
  APP_ORIGIN: z
    .string()
    .optional()
    .refine((v) => v === undefined || isOrigin(v), {
      message: "must be an origin such as https://normwerk.example.org (scheme, host, optional port; no path)",
    }),
  // Seconds between sweeps that close votes and check-in cycles whose time is up.
  SWEEP_INTERVAL_SECONDS: wholeNumber(1, 3600).default(30),
});

function wholeNumber(min: number, max: number) {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

function isOrigin(value: string) {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === value.replace(/\/$/, "");
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof schema>;

function load(): Env {
  // An empty variable (`PORT=` in a unit file) means "not set": use the default.
  const given = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = i.path.join(".");
      return `  ${name}=${JSON.stringify(given[name] ?? "")}: ${i.message}`;
    });
    // A clear message and exit beats a stack trace from deep inside the first request.
    console.error(`Normwerk cannot start: invalid configuration\n${lines.join("\n")}`);
    process.exit(1);
  }
  const env = parsed.data;
  if (env.APP_ORIGIN) env.APP_ORIGIN = env.APP_ORIGIN.replace(/\/$/, "");
  return env;
}

export const env = load();

/** Cookies get `Secure` only where the browser reaches us over https, or they would not be sent back. */
export const secureCookies = env.NODE_ENV === "production" && (env.APP_ORIGIN ?? "").startsWith("https://");
