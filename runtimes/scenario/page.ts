/**
 * The browser page: reads the target from the page URL's hash, runs every check, and leaves the
 * outcome in `window.__results` (and in the `SMOKE` console line) for the runner.
 */
import { all } from "./Scenario.js"
import { runSmoke } from "./Smoke.js"

declare global {
  interface Window {
    __results?: string
  }
}

const { line } = await runSmoke(navigator.userAgent, decodeURIComponent(location.hash.slice(1)), all)
console.log(line)
window.__results = line
