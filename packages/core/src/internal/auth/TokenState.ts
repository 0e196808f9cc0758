/**
 * The token state of the `Auth` service and its transitions. A token fetch is single-flight in
 * success and in failure: every caller that needs a token while one runs awaits that fetch (a
 * "wave") and gets its token or its typed error; the next caller after it settled starts a new
 * one. The fetch runs on its own fiber, so a waiter's interruption is the waiter's only.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Deferred from "effect/Deferred"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as FiberSet from "effect/FiberSet"
import type * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Ref from "effect/Ref"
import * as Scope from "effect/Scope"
import { type AblyError, ablyError } from "../../Errors.js"
import type { TokenDetails } from "../../TokenDetails.js"
import type { TokenParams } from "../../TokenParams.js"
import { bearer, type Credentials } from "./Credentials.js"
import { authFailure } from "./TokenResult.js"
import * as TokenSource from "./TokenSource.js"

/**
 * A token and the credentials built from it once, not on every request.
 *
 * @since 0.1.0
 * @category models
 */
export interface Current {
  readonly details: TokenDetails
  readonly credentials: Credentials
}

/**
 * One token fetch, shared by every caller that needs a token while it runs: its outcome, a
 * token or a typed error, is given to all of them alike.
 *
 * @since 0.1.0
 * @category models
 */
export interface Wave {
  readonly outcome: Deferred.Deferred<Current, AblyError>
  /** The credentials of the rejected token that this wave renews (undefined for a first fetch). */
  readonly renews: Credentials | undefined
}

/**
 * @since 0.1.0
 * @category models
 */
export interface State {
  readonly method: "basic" | "token"
  readonly token: Current | undefined
  readonly params: TokenParams
  readonly sources: TokenSource.Sources
  /** The fetch in flight: whoever needs a token while it runs awaits it instead of starting one. */
  readonly inFlight: Wave | undefined
  /**
   * The last renewal after a token error, kept once settled: a request rejected later with the
   * same token shares its outcome (its failure too) instead of starting another fetch.
   */
  readonly lastRenewal: Wave | undefined
}

/**
 * What a caller does after one look at the state. A `Start` has already been written into it
 * as the wave in flight; its fetch is forked before anyone awaits it.
 *
 * @since 0.1.0
 * @category models
 */
export type Step<A> =
  | { readonly _tag: "Ready"; readonly value: A }
  | { readonly _tag: "Fail"; readonly error: AblyError }
  | { readonly _tag: "Await"; readonly wave: Wave }
  | {
    readonly _tag: "Start"
    readonly wave: Wave
    readonly fetch: Effect.Effect<TokenDetails, AblyError>
    /** The state after this wave, if it is still the one in flight when it settles. */
    readonly settled: (state: State, outcome: Exit.Exit<Current, AblyError>) => State
  }

/**
 * A pure decision on the state, given the clock reading `now` and a fresh wave to start if
 * needed.
 *
 * @since 0.1.0
 * @category models
 */
export type Decide<A> = (state: State, now: number, wave: Wave) => readonly [Step<A>, State]

/**
 * @since 0.1.0
 * @category models
 */
export interface Flights {
  readonly state: Ref.Ref<State>
  /** Applies `decide` atomically and runs its step; `renews` marks a wave it starts. */
  readonly join: <A>(
    decide: Decide<A>,
    pick: (token: Current) => A,
    renews?: Credentials
  ) => Effect.Effect<A, AblyError>
}

/**
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as TokenState from "./TokenState.js"
 * import { Redacted } from "effect"
 * const token = TokenState.current({ token: Redacted.make("abc"), expires: 60_000 })
 */
export const current = (details: TokenDetails): Current => ({ details, credentials: bearer(details) })

// A token that has not expired by the (server-corrected) clock reading `now`.
const validAt = (token: Current | undefined, now: number): token is Current =>
  token !== undefined && (token.details.expires === undefined || token.details.expires > now)

const sameToken = (a: Credentials, b: Credentials | undefined): boolean =>
  b !== undefined && Redacted.value(a.authorization) === Redacted.value(b.authorization)

// RSA4a: a token is needed and there is no key, authCallback or authUrl to get one.
const cannotRenew = (cause?: AblyError): AblyError =>
  ablyError(
    40171,
    401,
    "The token has expired or was rejected and there is no means to renew it (no key, authCallback or authUrl)",
    { cause }
  )

// A failed or interrupted fetch leaves no token in use; a new one replaces the old.
const afterFetch = (state: State, outcome: Exit.Exit<Current, AblyError>): State => ({
  ...state,
  inFlight: undefined,
  token: Exit.isSuccess(outcome) ? outcome.value : undefined
})

const startFetch = <A>(
  state: State,
  wave: Wave,
  fetch: (sources: TokenSource.Sources, params: TokenParams) => Effect.Effect<TokenDetails, AblyError>
): readonly [Step<A>, State] => [
  { _tag: "Start", wave, fetch: fetch(state.sources, state.params), settled: afterFetch },
  { ...state, token: undefined, inFlight: wave, lastRenewal: wave.renews === undefined ? undefined : wave }
]

/**
 * The decision of a caller that needs credentials and found none ready on the fast path: Basic,
 * a valid token, the wave in flight, or a new wave (also when the token expired, RSA4b1).
 *
 * @since 0.1.0
 * @category transitions
 * @example
 * import * as TokenState from "./TokenState.js"
 * import { Effect, Option, Redacted } from "effect"
 * declare const flights: TokenState.Flights
 * const fetchToken = () => Effect.succeed({ token: Redacted.make("abc"), expires: Date.now() + 60_000 })
 * const credentials = flights.join(TokenState.acquire(Option.none(), fetchToken), (token) => token.credentials)
 */
export const acquire = (
  basic: Option.Option<Credentials>,
  fetch: (sources: TokenSource.Sources, params: TokenParams) => Effect.Effect<TokenDetails, AblyError>
): Decide<Credentials> =>
(state, now, wave) => {
  if (state.method === "basic" && basic._tag === "Some") return [{ _tag: "Ready", value: basic.value }, state]
  if (validAt(state.token, now)) return [{ _tag: "Ready", value: state.token.credentials }, state]
  if (state.inFlight !== undefined) return [{ _tag: "Await", wave: state.inFlight }, state]
  if (!TokenSource.canRenew(state.sources)) return [{ _tag: "Fail", error: cannotRenew() }, state]
  return startFetch(state, wave, fetch)
}

/**
 * The decision after a token error on a request sent with the credentials `used` (RSA4b):
 * requests rejected with the same token share one renewal and its outcome; one rejected with
 * an older token than the current one uses the current one.
 *
 * @since 0.1.0
 * @category transitions
 * @example
 * import * as TokenState from "./TokenState.js"
 * import type { Credentials } from "./Credentials.js"
 * import { Errors } from "@effect-ably/core"
 * import { Effect, Redacted } from "effect"
 * declare const flights: TokenState.Flights
 * declare const used: Credentials
 * const rejected = Errors.ablyError(40142, 401, "Token expired")
 * const fetchToken = () => Effect.succeed({ token: Redacted.make("new"), expires: Date.now() + 60_000 })
 * const renewed = flights.join(TokenState.renewal(used, rejected, fetchToken), (token) => token.credentials, used)
 */
export const renewal = (
  used: Credentials,
  rejected: AblyError,
  fetch: (sources: TokenSource.Sources, params: TokenParams) => Effect.Effect<TokenDetails, AblyError>
): Decide<Credentials> =>
(state, now, wave) => {
  if (state.method === "basic") return [{ _tag: "Fail", error: rejected }, state]
  if (validAt(state.token, now) && !sameToken(used, state.token.credentials)) {
    return [{ _tag: "Ready", value: state.token.credentials }, state]
  }
  if (state.lastRenewal !== undefined && sameToken(used, state.lastRenewal.renews)) {
    return [{ _tag: "Await", wave: state.lastRenewal }, state]
  }
  if (state.inFlight !== undefined) return [{ _tag: "Await", wave: state.inFlight }, state]
  if (!TokenSource.canRenew(state.sources)) return [{ _tag: "Fail", error: cannotRenew(rejected) }, state]
  return startFetch(state, wave, fetch)
}

const closed = () => authFailure("the token fetch was interrupted because the client was closed")

/**
 * The state and the runner of its decisions. Fetches run as daemon fibers tracked by the
 * service: closing the scope interrupts those in flight (their waiters get 40170). The
 * tracking set itself stays open, so a client still used after its layer was released keeps
 * working, as it did before fetches were shared.
 *
 * @since 0.1.0
 * @category constructors
 * @example
 * import * as TokenState from "./TokenState.js"
 * import { Clock, Option } from "effect"
 * const sources = { key: Option.none(), authCallback: Option.none(), authUrl: Option.none(), queryTime: false }
 * const initial = { method: "token", token: undefined, params: {}, sources, inFlight: undefined, lastRenewal: undefined } as const
 * const flights = TokenState.make(initial, Clock.currentTimeMillis) // Effect<Flights, never, Scope>
 */
export const make = (initial: State, now: Effect.Effect<number>): Effect.Effect<Flights, never, Scope.Scope> =>
  Effect.gen(function*() {
    const fetches = yield* Scope.extend(FiberSet.make(), yield* Scope.make())
    yield* Effect.addFinalizer(() => FiberSet.clear(fetches))
    const state = yield* Ref.make(initial)

    // Writes the outcome into the state (unless a later wave replaced this one), then gives it
    // to the waiters, so that a waiter that wakes up already sees the new state. The fetch is
    // made interruptible: it is forked from an uninterruptible region, whose flags it inherits.
    const flight = (step: Extract<Step<unknown>, { readonly _tag: "Start" }>) =>
      Effect.interruptible(step.fetch).pipe(
        Effect.onExit((exit) => {
          const outcome: Exit.Exit<Current, AblyError> = Exit.isFailure(exit) && Cause.isInterruptedOnly(exit.cause)
            ? Exit.fail(closed())
            : Exit.map(exit, current)
          return Effect.zipRight(
            Ref.update(state, (latest) => latest.inFlight === step.wave ? step.settled(latest, outcome) : latest),
            Deferred.done(step.wave.outcome, outcome)
          )
        })
      )

    // Writing a new wave into the state and forking its fetch happen without interruption, so
    // that a wave always settles; only the wait is interruptible, and it is the waiter's own.
    const join = <A>(
      decide: Decide<A>,
      pick: (token: Current) => A,
      renews?: Credentials
    ): Effect.Effect<A, AblyError> =>
      Effect.flatMap(
        now,
        (millis) =>
          Effect.uninterruptibleMask((restore) =>
            Effect.flatMap(Deferred.make<Current, AblyError>(), (outcome) =>
              Effect.flatMap(
                Ref.modify(state, (latest) => decide(latest, millis, { outcome, renews })),
                (step) => {
                  switch (step._tag) {
                    case "Ready":
                      return Effect.succeed(step.value)
                    case "Fail":
                      return Effect.fail(step.error)
                    case "Await":
                      return Effect.map(restore(Deferred.await(step.wave.outcome)), pick)
                    case "Start":
                      return Effect.zipRight(
                        FiberSet.run(fetches, flight(step)),
                        Effect.map(restore(Deferred.await(step.wave.outcome)), pick)
                      )
                  }
                }
              ))
          )
      )

    return { state, join }
  })
