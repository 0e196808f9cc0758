/**
 * @since 0.1.0
 */
export * as BrowserRest from "./BrowserRest.js"
