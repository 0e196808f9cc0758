/**
 * Every command module of the CLI.
 *
 * @since 0.1.0
 */
export * as Channels from "./Channels.js"
export * as Emulator from "./Emulator.js"
export * as History from "./History.js"
export * as Publish from "./Publish.js"
export * as Request from "./Request.js"
export * as Time from "./Time.js"
export * as Token from "./Token.js"
