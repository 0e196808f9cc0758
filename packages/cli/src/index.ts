/**
 * `@effect-ably/cli`: the `effect-ably` command line (`Cli.command`, `Cli.run`) and its
 * terminal service (`Output`).
 *
 * @since 0.1.0
 */

/**
 * The commands and `run`.
 *
 * @since 0.1.0
 */
export * as Cli from "./Cli.js"
/**
 * Where the CLI writes and what it reads.
 *
 * @since 0.1.0
 */
export * as Output from "./Output.js"
