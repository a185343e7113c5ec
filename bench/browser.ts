import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { MeasurementError, percentile } from "./stats";

/*
 * Measures in Chromium. Every clock runs inside the page, so the bench's own scheduling does not
 * count: "first rows painted" is from navigation start (performance.now()'s origin) to the first
 * frame painted after the first data row is in the DOM; an interaction is from its event's
 * timestamp (keydown, pointerdown) to the first frame painted after the table's row count changed.
 * "Painted" is a task queued from requestAnimationFrame, which runs after that frame.
 */

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** A data row of the kit's tables (skeleton rows carry no aria-rowindex). */
export const DATA_ROW = "table[aria-rowcount] tbody tr[aria-rowindex]";
const TABLE = "table[aria-rowcount]";

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openSession(appUrl: string, username: string, password: string): Promise<Session> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ baseURL: appUrl, viewport: { width: 1400, height: 900 } });
    const login = await context.request.post("/api/auth/login", { data: { username, password }, headers: { origin: appUrl } });
    if (login.status() !== 204) throw new MeasurementError(`browser login answered ${login.status()}`);
    return { context, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/**
 * Polls an expression until it is true. Not page.waitForFunction: with a string it evaluates through
 * `new Function` in the page, which the app's Content-Security-Policy (no 'unsafe-eval') refuses, so
 * it never answers (why every keystroke "did not change the row count" before). page.evaluate goes
 * through the DevTools protocol and is not subject to the page's CSP. The clocks run in the page, so
 * the polling interval does not enter any measurement.
 */
async function waitInPage(page: Page, expression: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(`!!(${expression})`).catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function firstRowsScript(selector: string): string {
  return `(() => {
    const b = {};
    window.__first = b;
    const check = () => {
      if (b.at !== undefined || !document.querySelector(${JSON.stringify(selector)})) return;
      b.at = performance.now();
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { b.painted = performance.now(); }, 0));
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { subtree: true, childList: true });
  })()`;
}

export interface PageLoad {
  page: Page;
  firstRowsMs: number;
  scripts: { transferred: number; decoded: number; count: number };
}

/** Opens `url` in a new tab; resolves once the first row matching `selector` is painted. */
export async function openAndTimeFirstRows(session: Session, url: string, selector = DATA_ROW, timeoutMs = 120_000): Promise<PageLoad> {
  const page = await session.context.newPage();
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
  await page.addInitScript(firstRowsScript(selector));
  await page.goto(url, { waitUntil: "commit" });
  if (!(await waitInPage(page, "window.__first && window.__first.painted !== undefined", timeoutMs))) {
    const text = ((await page.locator("body").innerText().catch(() => "")) || "").replace(/\s+/g, " ").slice(0, 200);
    await page.close();
    throw new MeasurementError(`${url}: no row (${selector}) painted within ${timeoutMs / 1000} s; the page said: "${text}"`);
  }
  const firstRowsMs = (await page.evaluate("window.__first.painted")) as number;
  await page.waitForLoadState("load");
  const sizes = await Promise.all(scripts);
  return {
    page,
    firstRowsMs,
    scripts: { transferred: sizes.reduce((a, s) => a + s.transferred, 0), decoded: sizes.reduce((a, s) => a + s.decoded, 0), count: sizes.length },
  };
}

/**
 * Loads behind each "first rows painted" verdict. One load on this machine varies by a factor of two
 * (the Changes page, six loads in a row: 198 to 522 ms): Chromium's new tab and the server share two
 * cores, and the first frame's style, layout and paint take 20 to 100 ms. The verdict reads the
 * median; the report keeps every sample and names the first.
 */
export const FIRST_ROWS_LOADS = 5;

export interface FirstRowsSamples {
  medianMs: number;
  /** In the order taken; the first is the load the caller made. */
  samplesMs: number[];
}

/**
 * `first` (a load the caller made, whose tab stays theirs) and FIRST_ROWS_LOADS - 1 more loads of the
 * same URL, each in a new tab closed once painted: the median and every sample.
 */
export async function moreFirstRows(session: Session, url: string, first: PageLoad, selector = DATA_ROW): Promise<FirstRowsSamples> {
  const samples = [first.firstRowsMs];
  for (let i = 1; i < FIRST_ROWS_LOADS; i++) {
    const load = await openAndTimeFirstRows(session, url, selector);
    samples.push(load.firstRowsMs);
    await load.page.close();
  }
  return { medianMs: percentile(`${url} first rows`, samples, 50), samplesMs: samples.map((x) => Math.round(x)) };
}

/** The table's row count (header excluded), once it has stopped loading. */
export async function loadedRowCount(page: Page, timeoutMs = 300_000): Promise<number> {
  await page.waitForSelector(`${TABLE}:not([aria-busy])`, { timeout: timeoutMs });
  // Rows may still be streaming in: wait until the count holds still for a second.
  let last = -1;
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const n = Number(await page.getAttribute(TABLE, "aria-rowcount"));
    if (n === last) return n - 1;
    last = n;
    await page.waitForTimeout(1000);
  }
  throw new MeasurementError(`the table's row count did not settle within ${timeoutMs / 1000} s`);
}

function interactionScript(eventType: string): string {
  return `(() => {
    const table = document.querySelector(${JSON.stringify(TABLE)});
    const before = table && table.getAttribute("aria-rowcount");
    const b = {};
    window.__bench = b;
    document.addEventListener(${JSON.stringify(eventType)}, (e) => { b.eventAt = e.timeStamp; }, { once: true, capture: true });
    const obs = new MutationObserver(() => {
      const now = document.querySelector(${JSON.stringify(TABLE)});
      const n = now && now.getAttribute("aria-rowcount");
      if (b.changedAt !== undefined || n === before) return;
      b.changedAt = performance.now();
      b.rows = Number(n) - 1;
      obs.disconnect();
      requestAnimationFrame(() => setTimeout(() => { b.paintedAt = performance.now(); }, 0));
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["aria-rowcount"] });
  })()`;
}

/**
 * Runs `act` with the clock armed; the time from its `eventType` event to the changed rows painted.
 * The table is first let settle: a page may draw a view's first rows at once and its count when the
 * server answers (People), and a count landing after the clock is armed would be timed as the next
 * interaction's (a time below zero: refused here rather than averaged in).
 */
async function timeInteraction(page: Page, eventType: "keydown" | "pointerdown", act: () => Promise<void>, timeoutMs = 30_000): Promise<{ ms: number; rows: number }> {
  await page.waitForSelector(`${TABLE}:not([aria-busy])`, { timeout: timeoutMs });
  await page.evaluate(interactionScript(eventType));
  await act();
  if (!(await waitInPage(page, "window.__bench && window.__bench.paintedAt !== undefined", timeoutMs))) throw new MeasurementError(`the table's row count did not change within ${timeoutMs / 1000} s`);
  const b = (await page.evaluate("window.__bench")) as { eventAt?: number; paintedAt: number; rows: number };
  if (b.eventAt === undefined) throw new MeasurementError(`no ${eventType} event reached the page`);
  const ms = b.paintedAt - b.eventAt;
  if (!(ms >= 0)) throw new MeasurementError(`the table changed before the ${eventType} (${ms.toFixed(1)} ms): an earlier change was still arriving`);
  return { ms, rows: b.rows };
}

export interface Sample {
  what: string;
  ms: number;
  rows: number;
}

/**
 * Each key typed into an empty search box: keydown → filtered rows painted. A key that does not
 * change the table within 30 s is logged and missing from the samples (the caller fails the
 * measurement when samples are missing).
 */
export async function timeKeystrokes(page: Page, searchName: RegExp, keys: readonly string[], fullRows: number, log: (l: string) => void): Promise<Sample[]> {
  const search = page.getByRole("searchbox", { name: searchName });
  await search.waitFor({ timeout: 30_000 });
  await page.waitForTimeout(500); // let idle work from loading finish before the first sample
  const samples: Sample[] = [];
  for (const key of keys) {
    await search.fill("");
    await page.waitForSelector(`${TABLE}[aria-rowcount="${fullRows + 1}"]`, { timeout: 60_000 });
    await search.focus();
    try {
      const r = await timeInteraction(page, "keydown", () => page.keyboard.press(key));
      samples.push({ what: key, ...r });
    } catch (err) {
      log(`  key "${key}": ${(err as Error).message}`);
    }
  }
  await search.fill("");
  return samples;
}

/**
 * `keys` typed in `tabs` tabs of `url`, as timeKeystrokes: first in `first` (a load the caller made
 * and keeps), then in each of `tabs - 1` fresh tabs, closed after its keys. A p95 of 20 keys is the
 * second slowest key, and one tab's noise moved it by 20 ms between runs of the same build; more
 * tabs steady it without making it kinder, since each tab adds its own cold first keys in the same
 * share of the samples. Returns each tab's samples in order; a fresh tab showing a different row
 * count from the first fails the measurement.
 */
export async function timeKeystrokesInTabs(session: Session, url: string, first: Page, searchName: RegExp, keys: readonly string[], fullRows: number, tabs: number, log: (l: string) => void): Promise<Sample[][]> {
  const byTab = [await timeKeystrokes(first, searchName, keys, fullRows, log)];
  for (let i = 1; i < tabs; i++) {
    const load = await openAndTimeFirstRows(session, url);
    try {
      const rows = await loadedRowCount(load.page);
      if (rows !== fullRows) throw new MeasurementError(`${url} showed ${rows} rows in tab ${i + 1}, ${fullRows} in the first`);
      byTab.push(await timeKeystrokes(load.page, searchName, keys, fullRows, log));
    } finally {
      await load.page.close();
    }
  }
  return byTab;
}

/**
 * A facet (a faceted filter's option) turned on, then off again, for each of the first `options`
 * choices in the filter panel (`names.dialog`) its button opens: pointerdown → changed rows painted.
 */
export async function timeFacetChanges(page: Page, names: { button: RegExp; dialog: RegExp }, options: number, log: (l: string) => void): Promise<Sample[]> {
  const button = page.getByRole("button", { name: names.button });
  await button.waitFor({ timeout: 30_000 });
  await button.click();
  const boxes = page.getByRole("dialog", { name: names.dialog }).getByRole("checkbox");
  await boxes.first().waitFor({ timeout: 10_000 });
  const n = Math.min(options, await boxes.count());
  const samples: Sample[] = [];
  for (let i = 0; i < n; i++) {
    const box = boxes.nth(i);
    const label = ((await box.evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "")) || `option ${i + 1}`).trim();
    for (const turn of ["on", "off"]) {
      try {
        const r = await timeInteraction(page, "pointerdown", () => box.click());
        samples.push({ what: `${label} ${turn}`, ...r });
      } catch (err) {
        log(`  facet "${label}" ${turn}: ${(err as Error).message}`);
      }
    }
  }
  await page.keyboard.press("Escape");
  return samples;
}
