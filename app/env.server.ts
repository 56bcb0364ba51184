import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_PATH: z.string().min(1).default("./data/normwerk.db"),
  APP_ORIGIN: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || isOrigin(v), {
      message: "must be an origin such as https://normwerk.example.org (scheme, host, optional port; no path)",
    }),
  // Seconds between sweeps that close votes and check-in cycles whose time is up.
  SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

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
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    // A clear message and exit beats a stack trace from deep inside the first request.
    console.error(`Normwerk cannot start: invalid configuration\n${lines.join("\n")}`);
    process.exit(1);
  }
  const env = parsed.data;
  if (env.APP_ORIGIN === "") env.APP_ORIGIN = undefined;
  if (env.APP_ORIGIN) env.APP_ORIGIN = env.APP_ORIGIN.replace(/\/$/, "");
  return env;
}

export const env = load();
