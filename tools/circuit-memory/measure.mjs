// Opens N inventory tabs in headless Chromium against a running portal and reports what they cost the server:
// managed heap (two gcdumps, before and after), component count (ComponentState objects) and working set, per circuit.
// Usage: node measure.mjs --url http://127.0.0.1:5400 --pid <portal pid> [--tabs 10] [--path /models] [--user demo-eric]
//        [--ready <selector the page shows once its circuit is up, or "interactive">] [--out /tmp/circuit] [--screenshots name]
import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { readFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { homedir } from "node:os";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]?.startsWith("--") ? "true" : all[i + 1]]] : pairs, []));
const url = args.url ?? "http://127.0.0.1:5400";
const pid = Number(args.pid);
const tabs = Number(args.tabs ?? 10);
const path = args.path ?? "/models";
const user = args.user ?? "demo-eric";
const ready = args.ready ?? "#inventory-table tbody tr.mud-table-row";
const out = args.out ?? "/tmp/circuit";
const circuitHost = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost";
const gcdump = process.env.GCDUMP ?? join(homedir(), ".dotnet/tools/dotnet-gcdump");
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium" });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
await signIn(context);

if (args.screenshots) {
  await screenshots(args.screenshots);
} else {
  await measure();
}
await browser.close();

async function signIn(ctx) {
  const page = await ctx.newPage();
  await page.goto(`${url}/account/login`);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/account")), page.click(`#signin-${user}`)]);
  await page.close();
}

/** A tab counts once the inventory has rows: they load over the circuit, so the circuit is up. */
async function openTab(ctx) {
  const page = await ctx.newPage();
  await page.goto(url + path);
  if (ready === "interactive") {
    await page.waitForFunction(() => !!(window.mudpopoverHelper && window.mudpopoverHelper.mainContainerClass));
  } else {
    await page.waitForSelector(ready);
  }
  return page;
}

async function openTabs(count) {
  const pages = [];
  for (let i = 0; i < count; i++) pages.push(await openTab(context));
  return pages;
}

function workingSetKb() {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

/** Collects a gcdump (which forces a full GC) and returns bytes and counts per type. */
function heap(name) {
  const file = join(out, `${name}.gcdump`);
  execFileSync(gcdump, ["collect", "-p", String(pid), "-o", file], { stdio: "ignore" });
  const report = execFileSync(gcdump, ["report", file], { encoding: "utf8", maxBuffer: 64 << 20 });
  const types = new Map();
  const total = Number(/([\d,]+)\s+GC Heap bytes/.exec(report)[1].replaceAll(",", ""));
  for (const line of report.split("\n").slice(3)) {
    const m = /^\s*([\d,]+)\s+([\d,]+)\s+(.+?)\s*$/.exec(line);
    if (m) {
      const type = m[3].replace(/\s+\[[^\]]*\]$/, "").replace(/\s*\(Bytes >.*\)$/, "");
      const prev = types.get(type) ?? { bytes: 0, count: 0 };
      // The report gives one object's size per type and size class: count x size estimates the type's total.
      const count = Number(m[2].replaceAll(",", ""));
      types.set(type, { bytes: prev.bytes + count * Number(m[1].replaceAll(",", "")), count: prev.count + count });
    }
  }
  return { total, types, rss: workingSetKb() };
}

async function closeAll(pages) {
  for (const page of pages) await page.close({ runBeforeUnload: true });
}

async function measure() {
  // Warm tabs first (JIT, pools, caches, first queries) and keep them open: closed tabs leave disconnected circuits
  // that the server drops at a time of its choosing, which would blur the difference.
  const warm = await openTabs(tabs);
  const before = heap("before");
  const pages = await openTabs(tabs);
  const after = heap("after");
  const components = (h) => h.types.get("Microsoft.AspNetCore.Components.Server.Circuits.RemoteComponentState")?.count ?? 0;
  const circuits = (h) => h.types.get(circuitHost)?.count ?? 0;
  const opened = circuits(after) - circuits(before);
  const perCircuit = (a, b) => Math.round((a - b) / opened);
  console.log(`tabs: ${tabs}  path: ${path}  user: ${user}`);
  console.log(`managed heap per circuit: ${(perCircuit(after.total, before.total) / 1024).toFixed(0)} KB`);
  console.log(`components per circuit: ${perCircuit(components(after), components(before))}`);
  console.log(`working set per circuit: ${perCircuit(after.rss, before.rss)} KB`);
  const delta = [...after.types].map(([type, a]) => {
    const b = before.types.get(type) ?? { bytes: 0, count: 0 };
    return { type, bytes: a.bytes - b.bytes, count: a.count - b.count };
  }).sort((x, y) => y.bytes - x.bytes);
  console.log(`circuits before/after: ${circuits(before)}/${circuits(after)}`);
  console.log("\nlargest per-circuit type deltas (KB, estimated from the report's sizes; objects):");
  for (const d of delta.slice(0, Number(args.top ?? 40))) {
    console.log(`${(d.bytes / opened / 1024).toFixed(1).padStart(8)} ${String(Math.round(d.count / opened)).padStart(7)}  ${d.type}`);
  }
  await closeAll([...warm, ...pages]);
}

async function screenshots(name) {
  for (const [label, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]]) {
    const page = await openTab(context);
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(500); // let MudBlazor's breakpoint listener re-lay out the table
    await page.screenshot({ path: join(out, `${name}-${label}.png`), fullPage: true });
    await page.close();
  }
}
