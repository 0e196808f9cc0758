/**
 * One atomic change to an app: an outcome and the app as it is afterwards. A failure can
 * change the app too (an injected fault is used up, a cursor is forgotten).
 *
 * @since 0.1.0
 */
import type { Errors } from "@effect-ably/core"
import type * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { AppState } from "./Model.js"

/**
 * @since 0.1.0
 * @category models
 */
export type Step<A> = readonly [Either.Either<A, Errors.AblyError>, AppState]

/**
 * A successful step.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Step from "./Step.js"
 * import type { AppState } from "./Model.js"
 * declare const app: AppState
 * const step = Step.succeed(42, app) // [Either.right(42), app]
 */
export const succeed = <A>(value: A, app: AppState): Step<A> => [Either.right(value), app]

/**
 * A failed step; `app` is the state to keep (the unchanged app when nothing happened).
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Step from "./Step.js"
 * import type { AppState } from "./Model.js"
 * import { Errors } from "@effect-ably/core"
 * declare const app: AppState
 * const step = Step.fail(Errors.ablyError(40000, 400, "bad"), app) // [Either.left(error), app]
 */
export const fail = <A = never>(error: Errors.AblyError, app: AppState): Step<A> => [Either.left(error), app]

/**
 * A step from an `Either` of the new app: on failure nothing changes.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as Step from "./Step.js"
 * import type { AppState } from "./Model.js"
 * import { Either } from "effect"
 * declare const app: AppState
 * const step = Step.fromEither(app, Either.right({ ...app, sequence: 1 }))
 */
export const fromEither = (app: AppState, next: Either.Either<AppState, Errors.AblyError>): Step<void> =>
  Either.match(next, { onLeft: (error) => fail(error, app), onRight: (updated) => succeed(undefined, updated) })

/**
 * Updates an app state.
 *
 * @since 0.1.0
 * @category models
 */
export type ModifyApp = <A>(
  appId: string,
  f: (app: AppState, now: number) => Step<A>
) => Effect.Effect<A, Errors.AblyError>
