import { chromium, type Browser, type Page } from "@playwright/test";

/*
 * The users table in Chromium: how long from a keystroke in the search box to the filtered rows
 * on screen, and how much JavaScript the page loads. The clock runs inside the page: from the
 * keydown event's timestamp to the first frame painted after the table's row count changed
 * (a task queued from requestAnimationFrame runs after that frame is painted).
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface TableRun {
  loadMs: number;
  rows: number;
  samples: Array<{ key: string; ms: number; rowsShown: number }>;
  scriptBytesTransferred: number;
  scriptBytesDecoded: number;
  scripts: number;
}

declare global {
  interface Window {
    __bench?: { full: number; keyAt?: number; changedAt?: number; paintedAt?: number; rows?: number };
  }
}

/**
 * Page-side instrumentation, as source text: the bench runs under tsx, whose transform adds
 * helpers to functions that would not exist inside the page.
 */
function instrument(fullCount: number): string {
  return `(() => {
    const b = { full: ${fullCount} };
    window.__bench = b;
    document.addEventListener("keydown", (e) => { b.keyAt = e.timeStamp; }, { once: true, capture: true });
    const obs = new MutationObserver(() => {
      const n = Number(document.querySelector("table[aria-rowcount]")?.getAttribute("aria-rowcount"));
      if (b.changedAt !== undefined || n === b.full) return;
      b.changedAt = performance.now();
      b.rows = n - 1;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { b.paintedAt = performance.now(); }, 0));
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-rowcount"] });
  })()`;
}

export async function measureUsersTable(opts: {
  appUrl: string;
  orgUuid: string;
  rows: number;
  username: string;
  password: string;
  keys: string[];
  log: (line: string) => void;
}): Promise<TableRun> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ baseURL: opts.appUrl, viewport: { width: 1400, height: 900 } });
    const login = await context.request.post("/api/auth/login", {
      data: { username: opts.username, password: opts.password },
      headers: { origin: opts.appUrl },
    });
    if (login.status() !== 204) throw new Error(`browser login failed: ${login.status()}`);

    const page: Page = await context.newPage();
    const scripts: Array<Promise<{ transferred: number; decoded: number }>> = [];
    page.on("response", (res) => {
      if (res.request().resourceType() !== "script") return;
      scripts.push(
        (async () => {
          const sizes = await res.request().sizes().catch(() => undefined);
          const body = await res.body().catch(() => undefined);
          return { transferred: sizes?.responseBodySize ?? body?.length ?? 0, decoded: body?.length ?? 0 };
        })(),
      );
    });

    const full = opts.rows + 1; // aria-rowcount counts the header row
    const t0 = Date.now();
    await page.goto(`/organizations/${opts.orgUuid}/users`);
    await page.waitForSelector(`table[aria-rowcount="${full}"]:not([aria-busy])`, { timeout: 300_000 });
    const loadMs = Date.now() - t0;
    opts.log(`  table loaded: ${opts.rows.toLocaleString("en-US")} rows in ${(loadMs / 1000).toFixed(1)} s`);

    const search = page.getByRole("searchbox", { name: /^Search users/ });
    await search.waitFor();
    // Settle: let the browser finish any idle work from loading before the first sample.
    await page.waitForTimeout(500);

    const samples: TableRun["samples"] = [];
    for (const key of opts.keys) {
      await search.fill("");
      await page.waitForSelector(`table[aria-rowcount="${full}"]`);
      await search.focus();
      await page.evaluate(instrument(full));
      await page.keyboard.press(key);
      const done = await page
        .waitForFunction("window.__bench && window.__bench.paintedAt !== undefined", undefined, { timeout: 30_000 })
        .then(() => true)
        .catch(() => false);
      if (!done) {
        opts.log(`  "${key}": the row count did not change within 30 s; sample skipped`);
        continue;
      }
      const b = (await page.evaluate("window.__bench")) as NonNullable<Window["__bench"]>;
      samples.push({ key, ms: b.paintedAt! - b.keyAt!, rowsShown: b.rows! });
    }

    const sizes = await Promise.all(scripts);
    return {
      loadMs,
      rows: opts.rows,
      samples,
      scriptBytesTransferred: sizes.reduce((a, s) => a + s.transferred, 0),
      scriptBytesDecoded: sizes.reduce((a, s) => a + s.decoded, 0),
      scripts: sizes.length,
    };
  } finally {
    await browser.close();
  }
}
