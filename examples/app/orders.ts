/**
 * A small app, written as a user would write it, that docs/testing.md tests against the
 * emulator: an order service that publishes orders to Ably, reads them back, asks who is
 * packing them (presence) and how busy the app was (stats). It knows nothing of the emulator:
 * the tests give it a `Rest` client on one.
 */
import { Errors, Rest } from "@effect-ably/core"
import * as Chunk from "effect/Chunk"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import { string as byString } from "effect/Order"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"

export const Order = Schema.Struct({
  id: Schema.Number,
  item: Schema.String,
  quantity: Schema.Int.pipe(Schema.positive())
})
export type Order = typeof Order.Type

/** Ably is down or too slow (5xx, timeouts, network): the caller may try again later. */
export class OrdersUnavailable extends Data.TaggedError("OrdersUnavailable")<{ readonly code: number }> {}

/** Ably refused the request (capability, auth, size): retrying will not help. */
export class OrderRejected extends Data.TaggedError("OrderRejected")<{
  readonly code: number
  readonly statusCode: number
}> {}

// The app's error handling: what a test with injected faults checks.
const classify = (error: Errors.AblyError): OrdersUnavailable | OrderRejected =>
  Errors.isRetryable(error)
    ? new OrdersUnavailable({ code: error.code })
    : new OrderRejected({ code: error.code, statusCode: error.statusCode })

export class Orders extends Effect.Service<Orders>()("app/Orders", {
  effect: Effect.gen(function*() {
    const rest = yield* Rest.Rest
    const orders = rest.channels.get("orders", { schema: Order })
    return {
      /** Publishes an order; answers its serial. */
      place: (order: Order): Effect.Effect<string, OrdersUnavailable | OrderRejected> =>
        orders.publish("placed", order).pipe(
          Effect.map(({ serials }) => serials[0] ?? ""),
          Effect.mapError(classify)
        ),
      /** The latest `count` orders, newest first. */
      recent: (count: number): Effect.Effect<ReadonlyArray<Order>, OrdersUnavailable | OrderRejected> =>
        orders.history({ limit: count }).pipe(
          Stream.take(count),
          Stream.map((message) => message.data),
          Stream.runCollect,
          Effect.map(Chunk.toReadonlyArray),
          Effect.mapError(classify)
        ),
      /** The clientIds present on `orders:packers`. */
      packers: rest.channels.get("orders:packers").presence.get().pipe(
        Stream.map((member) => member.clientId ?? "(anonymous)"),
        Stream.runCollect,
        Effect.map((ids) => Chunk.toReadonlyArray(Chunk.sort(ids, byString))),
        Effect.mapError(classify)
      ),
      /** Messages published per hour over the last `hours` hours, newest first. */
      hourlyMessages: (hours: number) =>
        rest.stats({ unit: "hour", limit: hours }).pipe(
          Stream.take(hours),
          Stream.map((stats) => ({ hour: stats.intervalId, messages: stats.entries["messages.all.all.count"] ?? 0 })),
          Stream.runCollect,
          Effect.map(Chunk.toReadonlyArray),
          Effect.mapError(classify)
        )
    }
  })
}) {}
