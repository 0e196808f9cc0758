/**
 * @since 0.1.0
 */
export * as NodeRest from "./NodeRest.js"
