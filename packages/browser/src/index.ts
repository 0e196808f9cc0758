/**
 * @since 0.1.0
 */
export * as BrowserRest from "./BrowserRest.js"

/**
 * The browser client from configuration (`ABLY_API_KEY`, … or a `Config` per option).
 *
 * @since 0.1.0
 */
export * as BrowserRestConfig from "./BrowserRestConfig.js"
