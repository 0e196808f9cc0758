/**
 * The workerd smoke entry, a Worker module: a POST with the target as its body runs the smoke
 * checks (the emulator is reached through the Worker's `fetch`) and answers the `SMOKE` line;
 * status 500 when a check fails. Any other request answers `ready` (the runner's readiness probe).
 */
import { runSmoke } from "./Smoke.js"

export default {
  async fetch(request: Request): Promise<Response> {
    if (request.method !== "POST") return new Response("ready")
    const { line, ok } = await runSmoke(`workerd (${navigator.userAgent})`, await request.text())
    return new Response(line, { status: ok ? 200 : 500 })
  }
}
